import { describe, expect, it } from "vitest";
import { NATIONAL_IDS } from "./pii-national";

/** Sample numbers published by the issuing authorities or in their standard references; each passes its check. */
const PUBLISHED: Record<string, string[]> = {
  fr_nir: ["255081416802538"],
  it_codice_fiscale: ["RSSMRA85T10A562S"],
  pl_pesel: ["44051401359", "02070803628"],
  se_personnummer: ["8112289874"],
  fi_hetu: ["131052-308T"],
  be_national_number: ["85073003328"],
  cn_resident_id: ["11010519491231002X"],
  sg_nric: ["S1234567D"],
  za_id_number: ["8001015009087"],
  au_tfn: ["123456782"],
  mx_curp: ["HEGG560427MVZRRL04"],
  br_cnpj: ["11222333000181"],
  tr_tc_kimlik: ["10000000146"],
  de_steuer_id: ["86095742719", "65929970489"],
  pt_nif: ["123456789"],
  jp_my_number: ["123456789018"],
  il_teudat_zehut: ["000000018", "123456782"],
};

describe("national identifier check digits", () => {
  for (const id of NATIONAL_IDS) {
    const samples = PUBLISHED[id.kind];
    if (!samples) continue;
    it(`${id.kind}: published samples pass, every single-digit change fails`, () => {
      for (const s of samples) {
        expect(id.valid(s), s).toBe(true);
        const last = s[s.length - 1];
        if (!/\d/.test(last)) continue;
        for (let d = 0; d <= 9; d++) {
          if (String(d) === last) continue;
          expect(id.valid(s.slice(0, -1) + d), `${s} → …${d}`).toBe(false);
        }
      }
    });
  }
});

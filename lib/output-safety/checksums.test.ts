import { describe, expect, it } from "vitest";
import {
  aadhaarValid,
  base62Encode,
  bsnValid,
  cpfValid,
  crc32,
  crc32Base62Valid,
  dniValid,
  ibanValid,
  luhnValid,
  ninoPrefixValid,
  nhsValid,
  ssnValid,
  verhoeffValid,
} from "./checksums";

describe("checksums", () => {
  it("CRC-32 matches the standard check value and base62 pads to six characters", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
    expect(crc32("")).toBe(0);
    expect(base62Encode(0, 6)).toBe("000000");
    expect(base62Encode(61, 2)).toBe("0z");
    expect(base62Encode(62, 2)).toBe("10");
  });

  it("GitHub/npm CRC suffix: valid and tampered", () => {
    const random = "Qx7rT2mZpL9kV4nB8cW1yH5dJ3sF6g";
    const check = base62Encode(crc32(random), 6);
    expect(crc32Base62Valid(random, check)).toBe(true);
    expect(crc32Base62Valid(random, check.slice(0, 5) + (check[5] === "a" ? "b" : "a"))).toBe(false);
    expect(crc32Base62Valid(random, "short")).toBe(false);
  });

  it("Luhn", () => {
    expect(luhnValid("4539 1488 0343 6467")).toBe(true);
    expect(luhnValid("4539 1488 0343 6468")).toBe(false);
    expect(luhnValid("79927398713")).toBe(true);
  });

  it("IBAN mod-97 with per-country length", () => {
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("GB82WEST1234569876543")).toBe(false);
    expect(ibanValid("GB83WEST12345698765432")).toBe(false);
    expect(ibanValid("XX82WEST12345698765432")).toBe(false);
  });

  it("national ids", () => {
    expect(nhsValid("9434765919")).toBe(true);
    expect(nhsValid("9434765918")).toBe(false);
    expect(ssnValid("536-22-8735")).toBe(true);
    for (const bad of ["000-22-8735", "666-22-8735", "912-22-8735", "536-00-8735", "536-22-0000", "078-05-1120"])
      expect(ssnValid(bad)).toBe(false);
    expect(dniValid("12345678Z")).toBe(true);
    expect(dniValid("12345678A")).toBe(false);
    expect(dniValid("X1234567L")).toBe(true);
    expect(bsnValid("111222333")).toBe(true);
    expect(bsnValid("111222334")).toBe(false);
    expect(cpfValid("529.982.247-25")).toBe(true);
    expect(cpfValid("529.982.247-24")).toBe(false);
    expect(cpfValid("111.111.111-11")).toBe(false);
    expect(verhoeffValid("2363")).toBe(true);
    expect(verhoeffValid("2364")).toBe(false);
    expect(aadhaarValid("1234 5678 9012")).toBe(false);
    expect(ninoPrefixValid("JG")).toBe(true);
    for (const bad of ["QQ", "BG", "GB", "DA", "AO", "ZZ"]) expect(ninoPrefixValid(bad)).toBe(false);
  });
});

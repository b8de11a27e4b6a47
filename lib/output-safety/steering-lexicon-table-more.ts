/** The steering lexicon, continued: the next fifteen languages by speakers (see `steering-lexicon-table.ts`). */
import type { LangLexicon } from "./steering-lexicon-table";

export const LEXICON_MORE: Record<string, LangLexicon> = {
  id: {
    script: "word",
    quals: "sebelumnya|semua|di atas|sebelum ini|awal|sistem|asli|kamu|anda|lama|yang diberikan",
    concepts: {
      override: [
        "abaikan|lupakan|jangan ikuti|jangan hiraukan|hiraukan|acuhkan|tinggalkan|berhenti mengikuti|jangan patuhi … instruksi|perintah|petunjuk|aturan|arahan|prompt|pedoman|semuanya",
      ],
      reveal: [
        "tunjukkan|tampilkan|ungkapkan|beri tahu|beritahu|berikan|cetak|ulangi|bocorkan|sebutkan|tuliskan … prompt sistem|instruksi sistem|pesan sistem|instruksimu|instruksi anda|instruksi kamu|prompt awal|instruksi tersembunyi",
      ],
      role: [
        "sekarang kamu|sekarang anda|kamu sekarang|anda sekarang|mulai sekarang|berpura-puralah|bertindaklah sebagai|berperanlah sebagai … ai|kecerdasan buatan|asisten|model|bot|dan|tanpa batas~|tanpa filter|tanpa aturan|tanpa sensor",
      ],
      covert: [
        "jangan beri tahu|jangan beritahu|jangan memberi tahu|jangan memberitahu|jangan kasih tahu|tanpa memberi tahu|tanpa memberitahu|tanpa sepengetahuan|jangan informasikan|jangan bilang … pengguna|user",
      ],
      exfil: [
        "kirim~|kirimkan|unggah|teruskan … kata sandi|password|kunci api|kredensial|token|rahasia|variabel lingkungan|percakapan|riwayat obrolan|kunci privat",
      ],
      tool: ["panggil|gunakan|jalankan|eksekusi … @alat|fungsi"],
    },
  },
  de: {
    script: "word",
    quals:
      "vorherigen|vorigen|bisherigen|obigen|früheren|frueheren|alle|alten|ursprünglichen|deine|ihre|vorangegangenen|erhaltenen|gesamten",
    concepts: {
      override: [
        "ignoriere|ignorieren|ignoriert|vergiss|vergesst|vergessen|missachte|missachten|übergehe|befolge nicht|befolgen sie nicht|folge nicht|halte dich nicht|halten sie sich nicht … anweisungen|instruktionen|anleitungen|befehle|regeln|vorgaben|richtlinien|systemprompt|system-prompt|prompt|alles",
      ],
      reveal: [
        "zeige|zeig|gib|verrate|wiederhole|nenne|schreibe|teile … systemprompt|system-prompt|systemanweisung~|systemnachricht|deine anweisungen|ihre anweisungen|ursprünglichen anweisungen|versteckten anweisungen",
      ],
      role: [
        "du bist jetzt|du bist nun|du bist ab sofort|ab sofort bist du|ab jetzt bist du|tu so, als wärst du|tu so als wärst du|verhalte dich wie … ki|künstliche intelligenz|assistent|modell|bot|dan|ohne einschränkungen|ohne regeln|ohne filter|uneingeschränkt~",
      ],
      covert: [
        "sag~|erzähl~|verrate~|teile~|informiere~|benachrichtige~|warne~ … benutzer|nutzer|anwender … nicht|nichts",
        "ohne … benutzer|nutzer|anwender … zu sagen|zu informieren|zu benachrichtigen|zu fragen|zu warnen",
      ],
      exfil: [
        "sende|senden sie|schicke|schick|übermittle|übermitteln sie|leite|lade … passwörter|passwort|kennwort~|api-schlüssel|schlüssel|zugangsdaten|anmeldedaten|token|umgebungsvariablen|unterhaltung|gesprächsverlauf|chatverlauf|geheimnisse|privaten schlüssel",
      ],
      tool: ["rufe|ruf|nutze|verwende|benutze|führe … tool|werkzeug|funktion"],
    },
  },
  ja: {
    script: "cjk",
    quals: "以前|前の|上記|これまで|すべて|全て|元の|システム|今まで|先ほど|最初|これより前",
    concepts: {
      override: ["指示|命令|指令|ルール|プロンプト|設定|ガイドライン|制約 … @無視|忘れ|従わな|従うな|破棄|取り消"],
      reveal: [
        "システムプロンプト|システム・プロンプト|初期プロンプト|あなたの指示|元の指示|システムメッセージ|隠された指示 … @見せ|表示|教え|出力|明かし|繰り返|開示|書き出|共有",
      ],
      role: [
        "今から|これから|今後|あなたはもう|あなたは今 … AI|アシスタント|モデル|DAN|制限のない|制限なし|無制限|ボット",
      ],
      covert: [
        "ユーザー|ユーザ|利用者 … @言わないで|伝えないで|知らせないで|教えないで|通知しないで|内緒|気づかれない|言うな|伝えるな|知らせずに|伝えずに",
      ],
      exfil: [
        "パスワード|APIキー|API キー|認証情報|資格情報|トークン|秘密鍵|環境変数|会話履歴|シークレット|クッキー … @送信|送って|送れ|アップロード|転送|メールして|投稿",
      ],
      tool: ["ツール|関数 … @呼び出|実行|使って|起動"],
    },
  },
  tr: {
    script: "word",
    quals: "önceki|tüm|bütün|yukarıdaki|önce|orijinal|sistem|eski|ilk|verilen|sana|her şey",
    concepts: {
      override: [
        "talimat~|yönerge~|komut~|kural~|istem~|prompt~|emir~|her şeyi … @yok say~|görmezden gel~|unut~|dikkate alma|boş ver~|uyma|uymayı bırak|göz ardı et~|takma",
      ],
      reveal: [
        "sistem istem~|sistem prompt~|sistem mesaj~|talimatlarını|ilk talimat~|gizli talimat~|sistem talimat~ … @göster~|yazdır~|söyle~|açıkla~|ifşa et~|tekrarla~|paylaş~",
      ],
      role: [
        "artık sen|sen artık|bundan sonra sen|bundan böyle|şu andan itibaren … yapay zeka|asistan~|model~|bot|dan|kısıtlamasız|sınırsız|filtresiz|kuralsız",
      ],
      covert: [
        "kullanıcı~ … @söyleme|bildirme|haber verme|bahsetme|fark ettirme|söylemeden|bildirmeden|haberi olmadan|haber vermeden",
      ],
      exfil: [
        "şifre~|parola~|api anahtar~|anahtar~|kimlik bilgi~|token~|belirteç~|gizli~|ortam değişken~|konuşma~|sohbet geçmiş~ … @gönder~|yükle~|ilet~|aktar~",
      ],
      tool: ["araç~|aracı~|fonksiyon~|işlev~|tool~ … @çağır~|çalıştır~|kullan~"],
    },
  },
  ko: {
    script: "cjk",
    quals: "이전|앞의|위의|모든|기존|원래|시스템|지금까지|처음|앞서|이전의|받은",
    concepts: {
      override: [
        "지시|지침|명령|규칙|프롬프트|지시사항|설정|안내 … @무시|잊어|잊으|따르지 마|따르지 말|지키지 마|지키지 말",
      ],
      reveal: [
        "시스템 프롬프트|시스템프롬프트|시스템 메시지|초기 프롬프트|너의 지시|당신의 지시|숨겨진 지시|원래 지시 … @보여|출력|알려|공개|말해|반복|인쇄|드러내|공유",
      ],
      role: [
        "이제부터 너는|지금부터 너는|너는 이제|당신은 이제|이제부터 당신은|지금부터 당신은|이제 너는 … AI|인공지능|어시스턴트|비서|모델|봇|DAN|제한 없는|제한이 없는|무제한|필터 없는",
      ],
      covert: ["사용자|유저 … @말하지 마|알리지 마|알려주지 마|말하지 말|알리지 말|모르게|통보하지 마|언급하지 마"],
      exfil: [
        "비밀번호|패스워드|API 키|API키|자격 증명|인증 정보|토큰|비밀 키|개인 키|환경 변수|대화 내용|대화 기록|쿠키 … @보내|전송|업로드|전달|유출",
      ],
      tool: ["도구|툴|함수 … @호출|실행|사용"],
    },
  },
  vi: {
    script: "word",
    quals: "trước|trước đó|trước đây|tất cả|mọi|ở trên|bên trên|ban đầu|hệ thống|gốc|của bạn",
    concepts: {
      override: [
        "bỏ qua|phớt lờ|lờ đi|quên|quên đi|đừng làm theo|không tuân theo|đừng tuân theo|ngừng làm theo … hướng dẫn|chỉ dẫn|chỉ thị|lệnh|quy tắc|yêu cầu|lời nhắc|prompt|mọi thứ",
      ],
      reveal: [
        "hiển thị|tiết lộ|cho tôi xem|cho tôi biết|in ra|nhắc lại|lặp lại|chia sẻ|cho xem|viết ra … @lời nhắc hệ thống|prompt hệ thống|chỉ dẫn hệ thống|hướng dẫn hệ thống|thông điệp hệ thống|hướng dẫn của bạn|chỉ thị của bạn|hướng dẫn ban đầu",
      ],
      role: [
        "bây giờ bạn là|từ giờ bạn là|từ bây giờ|kể từ bây giờ|hãy giả vờ|hãy đóng vai|hãy hành động như … ai|trí tuệ nhân tạo|trợ lý|mô hình|bot|dan|không giới hạn|không bị giới hạn|không có giới hạn|không bị hạn chế",
      ],
      covert: [
        "đừng nói với|không nói với|đừng cho|đừng thông báo cho|không thông báo cho|không cho|mà không báo cho|mà không nói với|đừng để … người dùng",
      ],
      exfil: [
        "gửi|tải lên|chuyển tiếp|chuyển … mật khẩu|khóa api|khoá api|thông tin đăng nhập|thông tin xác thực|token|mã thông báo|bí mật|biến môi trường|cuộc trò chuyện|lịch sử trò chuyện|khóa riêng",
      ],
      tool: ["gọi|sử dụng|dùng|chạy|thực thi … @công cụ|hàm"],
    },
  },
  it: {
    script: "word",
    quals: "precedenti|tutte|tutto|sopra|originali|del sistema|iniziali|ricevute|tue|vostre",
    concepts: {
      override: [
        "ignora|ignorate|ignori|ignorare|dimentica|dimenticate|dimentichi|dimenticare|trascura|smetti di seguire|smettete di seguire|non seguire|non seguire più|non rispettare … istruzioni|regole|direttive|indicazioni|prompt|tutto quello che",
      ],
      reveal: [
        "mostra|mostrami|rivela|stampa|dimmi|ripeti|scrivi|condividi … prompt di sistema|istruzioni di sistema|messaggio di sistema|le tue istruzioni|istruzioni iniziali|istruzioni nascoste",
      ],
      role: [
        "ora sei|adesso sei|da ora in poi sei|d'ora in poi sei|fingi di essere|comportati come … ia|intelligenza artificiale|assistente|modello|bot|dan|senza restrizioni|senza limiti|senza filtri|senza regole",
      ],
      covert: [
        "non dire|non dirlo|non informare|non avvisare|senza dire|senza avvisare|senza informare|non menzionare|all'insaputa … utente",
      ],
      exfil: [
        "invia|inviami|manda|mandami|carica|inoltra|trasmetti|pubblica … password|chiavi api|chiave api|credenziali|token|segreti|variabili d'ambiente|la conversazione|cronologia|chiavi private|chiave privata",
      ],
      tool: ["chiama|usa|utilizza|esegui|invoca … @strumento|funzione"],
    },
  },
  pl: {
    script: "word",
    quals:
      "poprzedni~|wszystk~|wcześniejsz~|powyższ~|systemow~|oryginaln~|dotychczasow~|swoje|twoje|otrzyman~|początkow~",
    concepts: {
      override: [
        "zignoruj|zignorujcie|ignoruj|zapomnij|zapomnijcie|zapomnieć o|zignorować|pominąć|pomiń|nie stosuj się do|przestań stosować|przestań przestrzegać|nie przestrzegaj|porzuć|nie wykonuj … instrukcj~|polece~|reguł~|zasad~|wytyczn~|prompt~|wskazów~|wszystko",
      ],
      reveal: [
        "pokaż|pokazać|ujawnij|ujawnić|wyświetl|wypisz|powiedz|podaj|podać|powtórz|wydrukuj|zdradź … prompt systemow~|monit systemow~|instrukcj~ systemow~|wiadomość systemow~|swoje instrukcje|twoje instrukcje|początkow~ instrukcj~|ukryt~ instrukcj~",
      ],
      role: [
        "teraz jesteś|od teraz jesteś|od teraz|odtąd jesteś|udawaj, że jesteś|udawaj że jesteś|zachowuj się jak … ai|si|sztuczn~ inteligencj~|asystent~|model~|bot~|dan|bez ograniczeń|nieograniczon~|bez filtrów|bez zasad",
      ],
      covert: [
        "nie mów|nie informuj|nie wspominaj|nie powiadamiaj|bez informowania|bez wiedzy|nic nie mów|nie zdradzaj … użytkownik~",
      ],
      exfil: [
        "wyślij|prześlij|wysłać|przesłać|wrzuć|przekaż|przekazać|załaduj|opublikuj … hasł~|klucz~ api|klucze|dane logowania|dane uwierzytelniające|token~|sekret~|zmienn~ środowiskow~|rozmow~|histori~ czatu|klucz~ prywatn~",
      ],
      tool: ["wywołaj|użyj|uruchom|wykonaj … narzędzi~|funkcj~"],
    },
  },
  nl: {
    script: "word",
    quals: "vorige|eerdere|voorgaande|bovenstaande|alle|oorspronkelijke|originele|systeem|je|jouw|oude|gekregen",
    concepts: {
      override: [
        "negeer|negeren|vergeet|vergeten|volg … instructies|instructie|aanwijzingen|opdrachten|regels|richtlijnen|prompt|bevelen|alles",
        "volg|houd je … @niet meer|niet langer … instructies|aanwijzingen|opdrachten|regels|richtlijnen",
      ],
      reveal: [
        "toon|onthul|geef|print|herhaal|vertel|deel|laat|schrijf … @systeemprompt|systeem prompt|systeem-prompt|systeembericht|systeeminstructies|je instructies|jouw instructies|oorspronkelijke instructies|verborgen instructies",
      ],
      role: [
        "je bent nu|jij bent nu|vanaf nu ben je|vanaf nu|doe alsof je|gedraag je als … ai|ki|kunstmatige intelligentie|assistent|model|bot|dan|zonder beperkingen|onbeperkt|zonder filters|zonder regels",
      ],
      covert: [
        "vertel|zeg|meld … @gebruiker … niet|niets",
        "zonder … @gebruiker … te vertellen|te informeren|te melden|te laten weten|het weet|het merkt|weet|merkt",
      ],
      exfil: [
        "stuur|verstuur|verzend|plak … wachtwoord~|api-sleutel~|api sleutel~|sleutel~|inloggegevens|credentials|tokens|geheimen|omgevingsvariabelen|gesprek|chatgeschiedenis|privésleutel~",
        "upload|mail|e-mail … @wachtwoord~|api-sleutel~|inloggegevens|geheimen|omgevingsvariabelen|chatgeschiedenis|privésleutel~",
      ],
      tool: ["roep|gebruik|voer|activeer … functie|hulpmiddel|tool"],
    },
  },
  fa: {
    script: "abjad",
    quals: "قبلی|پیشین|تمام|همه|بالا|اصلی|سیستم|اولیه|قبل",
    concepts: {
      override: [
        "دستورالعمل~|دستورات|دستور~|قوانین|قواعد|راهنمایی~|پرامپت|فرمان~|همه چیز … @نادیده بگیر~|نادیده|فراموش کن~|فراموش|اعتنا نکن~|پیروی نکن~|توجه نکن~|عمل نکن~",
      ],
      reveal: [
        "پرامپت سیستم|سیستم پرامپت|پرامپت سیستمی|دستورات سیستمی|پیام سیستم|دستورالعمل~ سیستم|دستورات سیستم|دستورالعمل‌هایت|دستوراتت|دستورالعمل~ اولیه … @نشان بده|نمایش بده|فاش کن|بگو|چاپ کن|تکرار کن|بنویس|به من بده",
      ],
      role: [
        "تو اکنون|تو الان|از این به بعد|اکنون تو|حالا تو|وانمود کن … هوش مصنوعی|دستیار|مدل|ربات|DAN|بدون محدودیت|بی‌محدودیت|بی محدودیت|بدون فیلتر",
      ],
      covert: ["کاربر … @نگو|اطلاع نده|خبر نده|مطلع نکن|چیزی نگو", "بدون اطلاع|بی‌اطلاع|بی اطلاع|بدون اینکه … کاربر"],
      exfil: [
        "رمز عبور|رمزهای عبور|گذرواژه~|کلید API|کلیدهای API|کلید~|اعتبارنامه~|توکن~|اسرار|متغیرهای محیطی|مکالمه|تاریخچه گفتگو … @بفرست|ارسال کن|آپلود کن|ایمیل کن",
      ],
      tool: ["ابزار~|تابع~ … @فراخوانی کن|صدا بزن|اجرا کن|استفاده کن"],
    },
  },
  th: {
    script: "cjk",
    quals: "ก่อนหน้า|ทั้งหมด|ข้างต้น|เดิม|ระบบ|แรก|ที่ผ่านมา|ก่อน",
    concepts: {
      override: [
        "เพิกเฉย|ละเว้น|ไม่สนใจ|ลืม|อย่าทำตาม|ไม่ต้องทำตาม|ข้าม|อย่าปฏิบัติตาม … คำสั่ง|คำแนะนำ|กฎ|ข้อกำหนด|พรอมต์|พรอมท์|ทุกอย่าง",
      ],
      reveal: [
        "แสดง|เปิดเผย|บอก|พิมพ์|ทวนซ้ำ|ทำซ้ำ|ให้ดู … พรอมต์ระบบ|พรอมท์ระบบ|ข้อความระบบ|คำสั่งระบบ|คำสั่งของคุณ|คำสั่งเริ่มต้น|คำสั่งที่ซ่อน",
      ],
      role: ["ตอนนี้คุณคือ|ตอนนี้คุณเป็น|จากนี้ไปคุณ|นับจากนี้|แกล้งทำเป็น|สวมบทบาท … AI|เอไอ|ผู้ช่วย|โมเดล|บอท|DAN|ไม่มีข้อจำกัด|ไร้ข้อจำกัด"],
      covert: ["อย่าบอก|ไม่ต้องบอก|อย่าแจ้ง|ไม่ต้องแจ้ง|โดยไม่บอก|โดยไม่แจ้ง|อย่าให้ … ผู้ใช้"],
      exfil: [
        "ส่ง|อัปโหลด|อัพโหลด|ส่งต่อ … รหัสผ่าน|คีย์ API|API key|ข้อมูลรับรอง|โทเค็น|ความลับ|ตัวแปรสภาพแวดล้อม|บทสนทนา|ประวัติการแชท|คีย์ส่วนตัว",
      ],
      tool: ["เรียกใช้|เรียก|รัน … @เครื่องมือ|ฟังก์ชัน"],
    },
  },
  sw: {
    script: "word",
    quals:
      "yote|zote|ya awali|za awali|ya hapo awali|ya zamani|zilizotangulia|yaliyotangulia|hapo juu|ya mfumo|ya mwanzo|iliyopita|yaliyopita|zilizopita|uliyopewa",
    concepts: {
      override: [
        "puuza|puuzeni|sahau|usifuate|acha kufuata|usijali|usitii … maelekezo|maagizo|amri|sheria|kanuni|prompt|kila kitu",
      ],
      reveal: [
        "onyesha|nionyeshe|fichua|niambie|chapisha|rudia|nipe|andika … maagizo ya mfumo|maelekezo ya mfumo|ujumbe wa mfumo|prompt ya mfumo|maagizo yako|maelekezo yako|maagizo ya awali",
      ],
      role: [
        "sasa wewe ni|kuanzia sasa|sasa u|jifanye|tenda kama … ai|akili bandia|msaidizi|modeli|bot|roboti|dan|bila vikwazo|bila mipaka|bila vizuizi|bila sheria",
      ],
      covert: ["usimwambie|usimjulishe|bila kumwambia|bila kumjulisha|usimweleze … mtumiaji"],
      exfil: [
        "tuma|pakia|sambaza|peleka … nywila|nenosiri|manenosiri|funguo za api|ufunguo wa api|vitambulisho|tokeni|siri|vigezo vya mazingira|mazungumzo|historia ya mazungumzo",
      ],
      tool: ["ita|tumia|endesha … @zana|chombo|kitendakazi"],
    },
  },
  uk: {
    script: "word",
    quals: "попередн~|всі|усі|вище|системн~|початков~|раніше|свої|твої|отриман~",
    concepts: {
      override: [
        "ігноруй|ігноруйте|проігноруй|проігноруйте|забудь|забудьте|не виконуй|не дотримуйся|не зважай на|відкинь|відкиньте … інструкці~|вказівк~|правил~|команд~|промпт~|настанов~|все",
      ],
      reveal: [
        "покажи|покажіть|виведи|розкрий|напиши|повтори|скажи|повідом|надрукуй … системн~ промпт~|системн~ повідомлен~|системн~ інструкці~|свої інструкції|твої інструкції|ваш~ інструкці~|початков~ інструкці~|прихован~ інструкці~",
      ],
      role: [
        "тепер ти|відтепер ти|з цього моменту ти|віднині ти|прикинься|удавай|поводься як … ШІ|штучн~ інтелект|асистент~|модел~|бот~|DAN|без обмежень|необмежен~|без фільтрів",
      ],
      covert: [
        "не кажи|не повідомляй|не розповідай|без відома|не сповіщай|нічого не кажи|не повідомляючи … користувач~",
      ],
      exfil: [
        "надішли|надішліть|відправ|відправте|перешли|завантаж|передай|передайте … парол~|ключ~|API-ключ~|облікові дані|токен~|секрет~|змінн~ середовища|розмов~|листуван~",
      ],
      tool: ["виклич|викличте|використай|запусти|виконай … інструмент~|функці~"],
    },
  },
  ta: {
    script: "word",
    quals: "முந்தைய|அனைத்து|எல்லா|மேலே|முன்பு|அசல்|சிஸ்டம்|கணினி|உங்கள்|உனது",
    concepts: {
      override: [
        "வழிமுறை~|அறிவுறுத்தல்~|கட்டளை~|விதி~|அறிவுரை~|ப்ராம்ப்ட்~ … @புறக்கணி~|மறந்துவிடு|மறந்து விடு|மறந்துவிடுங்கள்|பின்பற்ற வேண்டாம்|பின்பற்றாதே|கண்டுகொள்ளாதே",
      ],
      reveal: [
        "சிஸ்டம் ப்ராம்ப்ட்~|கணினி அறிவுறுத்தல்~|சிஸ்டம் செய்தி|உங்கள் அறிவுறுத்தல்~|உனது அறிவுறுத்தல்~ … @காட்டு~|வெளிப்படுத்து~|சொல்லு~|அச்சிடு~|பகிர்~|கூறு~",
      ],
      role: [
        "இப்போது நீ|இனிமேல் நீ|இப்போது நீங்கள்|இனி நீ|இனிமேல் நீங்கள் … AI|செயற்கை நுண்ணறிவு|உதவியாளர்|மாடல்|பாட்|DAN|கட்டுப்பாடுகள் இல்லாத|வரம்பற்ற",
      ],
      covert: ["பயனர~ … @சொல்லாதே|சொல்ல வேண்டாம்|தெரிவிக்காதே|தெரிவிக்க வேண்டாம்|தெரியாமல்|சொல்லாமல்|தெரிவிக்காமல்"],
      exfil: ["கடவுச்சொ~|API விசை~|விசை~|சான்றுகள்|டோக்கன்~|ரகசிய~|உரையாடல்~ … @அனுப்பு~|பதிவேற்று~|மின்னஞ்சல் செய்"],
      tool: ["கருவி~|செயல்பாடு~|டூல்~ … @அழை~|இயக்கு~|பயன்படுத்து~"],
    },
  },
  mr: {
    script: "word",
    quals: "मागील|आधीच्या|पूर्वीच्या|सर्व|वरील|मूळ|सिस्टम|तुमच्या|तुझ्या",
    concepts: {
      override: ["सूचना~|निर्देश~|आदेश~|नियम~|प्रॉम्प्ट … @दुर्लक्ष कर~|विसर~|विसरून जा~|पाळू नका|पालन करू नका|मानू नका"],
      reveal: ["सिस्टम प्रॉम्प्ट|तुमच्या सूचना|सिस्टम संदेश|मूळ सूचना|तुझ्या सूचना … @दाखवा|दाखव|सांगा|सांग|उघड कर~|प्रिंट कर~|लिहा"],
      role: ["आता तू|आता तुम्ही|यापुढे तू|यापुढे तुम्ही … AI|एआय|सहाय्यक|मॉडेल|बॉट|DAN|निर्बंध नसलेला|कोणतेही निर्बंध नसलेला|अनिर्बंधित"],
      covert: ["वापरकर्त्याला|युजरला|वापरकर्ता~ … @सांगू नका|सांगू नकोस|कळवू नका|कळू देऊ नका|न सांगता|न कळवता"],
      exfil: ["पासवर्ड|एपीआय की|API की|क्रेडेन्शियल्स|टोकन|गुपित~|संभाषण … @पाठवा|पाठव|अपलोड करा|ईमेल करा"],
      tool: ["टूल|साधन|फंक्शन … @कॉल करा|चालवा|वापरा"],
    },
  },
};

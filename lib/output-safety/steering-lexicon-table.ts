/**
 * The steering concept lexicon: for each of 25 widely spoken languages, how each attack concept is
 * phrased as an order to the model. `steering-lexicon.ts` compiles it into phrase rules.
 *
 * Pattern syntax: segments in surface order separated by " … " (a bounded gap within one sentence);
 * alternatives separated by "|"; "~" ends a stem (any letters may follow: inflection, suffixes,
 * particles); a segment starting with "@" holds the anchors (default: the first segment). Spaces
 * match any whitespace, "'" also matches "’".
 *
 * Concepts: override (ignore previous instructions; needs one of `quals` near the match), reveal
 * (show the system prompt), role (you are now an unrestricted AI), covert (do not tell the user),
 * exfil (send secrets/the conversation; strong only with a destination: URL, e-mail, webhook),
 * tool (call a tool; weak unless the tool name is destructive or exfiltrating).
 */

export type Concept = "override" | "reveal" | "role" | "covert" | "exfil" | "tool";

/** A pattern, or a pattern with its own qualifiers (overrides whose nouns are everyday words need stricter ones). */
export type LexPattern = string | { p: string; quals: string };

export interface LangLexicon {
  /** latin/cyrillic/indic: word boundaries; cjk: none (no spaces); abjad: no leading boundary (attached prefixes). */
  script: "word" | "cjk" | "abjad";
  /** Qualifiers an override needs nearby ("previous", "all", "system" …), same syntax as one segment. */
  quals: string;
  concepts: Partial<Record<Concept, readonly LexPattern[]>>;
}

export const LEXICON: Record<string, LangLexicon> = {
  en: {
    script: "word",
    quals: "previous|prior|above|earlier|preceding|former|original|initial|foregoing|all|your|system|developer|told",
    concepts: {
      override: [
        "ignore|disregard|forget|abandon|discard|stop following|stop obeying|stop adhering to|do not follow|don't follow|do not obey|don't obey|no longer follow|cease following … instructions|instruction|directions|directives|prompts|prompt|guidelines|guidance|orders|programming|system message|what you were told|what you have been told|everything you were told",
        {
          p: "ignore|disregard|forget|abandon|discard|override|bypass|drop|supersede|overrule|set aside|stop following|stop obeying|do not follow|don't follow|no longer follow … rules|constraints|restrictions|policies|commands|filters|guardrails|safeguards",
          quals:
            "previous|prior|above|earlier|preceding|original|initial|your|system|developer|safety|told|ethical|content",
        },
        {
          p: "ignore|disregard … the user|the human|what the user",
          quals: "user|human",
        },
        {
          p: "ignore|disregard|forget|abandon|stop working on … task|request|question|assignment|query",
          quals: "user's|users'|original|current|summary|previous|prior|above|earlier|your|initial|assigned",
        },
        {
          p: "previous|prior|earlier|above|original|old|all|your … instructions|rules|guidelines|restrictions|directives|constraints … no longer apply|are void|are cancelled|are canceled|are obsolete|are revoked|do not apply|don't apply|are lifted|are suspended|have been lifted|have been revoked",
          quals: "apply|void|cancel|obsolete|revoked|lifted|suspended",
        },
        {
          p: "forget|disregard|ignore … everything|all of that|all of the above|anything above|what came before",
          quals: "above|before|previous|prior|earlier|told|so far|said|instructed|system",
        },
        {
          p: "new|updated|following|these … instructions|rules|directives|orders … supersede|override|replace|overrule|take precedence over",
          quals: "supersede|override|replace|overrule|precedence",
        },
      ],
      reveal: [
        "reveal|print|show|output|display|repeat|leak|dump|disclose|tell me|give me|share|return|write out|recite|expose|paste|reproduce|spell out|list … @system prompt|initial prompt|hidden prompt|original prompt|your instructions|your prompt|your rules|your guidelines|your system message|your configuration|your directives|developer message|developer instructions|system message|pre-prompt|preprompt|hidden instructions|initial instructions|the text above|everything above|the instructions above|the words above|words above|the lines above|the text before this|the prompt above|everything before this|your first message|your initial message|the conversation so far",
      ],
      role: [
        "you are now|you're now|you will now act as|from now on you are|from now on, you are … unrestricted|unfiltered|uncensored|jailbroken|dan|evil|without restrictions|without limits|without rules|with no restrictions|no longer bound|free from",
      ],
      exfil: [
        "send|email|e-mail|mail|post|upload|forward|exfiltrate|transmit|copy|leak|submit|deliver|pipe|attach|append|add|insert|encode|include … ~/.ssh|.ssh|id_rsa|id_ed25519|private key~|ssh key~|api key~|api_key~|api token~|access token~|secret~|credential~|password~|env var~|environment variable~|.env|cookie~|session token~|this conversation|the conversation|conversation history|chat history|chat log~|message history|system prompt|/etc/passwd|/etc/shadow|.aws/credentials|keys|tokens|seed phrase|wallet|customer data|user data|personal data|contents of|database dump|the user's email|user's email|email address~|phone number~|home address|the user's name|personal information|user's data|the user's messages",
      ],
    },
  },
  zh: {
    script: "cjk",
    quals: "之前|以前|先前|上面|上述|前面|以上|所有|全部|原来|原始|系统|你的|一切|早先|此前",
    concepts: {
      override: [
        "@指令|指示|规则|提示|命令|设定|要求|准则 … 忽略|无视|忽视|忘记|忘掉|不要管|作废|不再适用",
        "忽略|无视|忽视|不要理会|不理会|忘记|忘掉|不要遵守|不再遵守|别管|停止遵循|不要遵循|抛开|放弃 … 指令|指示|说明|规则|提示|命令|设定|要求|准则|约束|一切",
      ],
      reveal: [
        "把|将 … 系统提示|系统指令|初始指令|系统消息|你的指令|提示词|隐藏指令 … 输出|显示|告诉我|打印|展示|说出|透露|复述|发给我",
        "显示|输出|告诉我|泄露|打印|重复|给我|展示|说出|透露|复述 … 系统提示|系统指令|初始指令|系统消息|你的指令|提示词|你的设定|隐藏指令",
      ],
      role: [
        "你现在是|现在你是|从现在开始你|从现在起你|从今以后你|你不再是 … AI|人工智能|助手|模型|机器人|DAN|不受限制|没有限制|无限制|不受约束",
        "假装你是|假装成|请扮演|你要扮演 … AI|人工智能|助手|模型|DAN|不受限制|没有限制|黑客",
      ],
      covert: ["不要|别|不许|切勿 … 告诉|通知|让|提醒|透露给 … 用户", "瞒着用户|在用户不知情|不让用户知道"],
      exfil: [
        "把|将 … 密码|密钥|凭证|凭据|环境变量|令牌|API密钥|私钥|聊天记录|对话记录 … 发送|发给|发到|上传|转发|传给",
        "发送|发给|发到|上传|转发|泄露|传给|寄给|提交到 … 密码|密钥|凭证|凭据|环境变量|令牌|API密钥|API 密钥|对话|聊天记录|私钥|cookie|系统提示",
      ],
      tool: ["调用|执行|运行|使用 … 工具|函数"],
    },
  },
  hi: {
    script: "word",
    quals: "पिछले|पिछली|पहले|ऊपर|सभी|सारे|सब|पूर्व|मूल|सिस्टम|अपने|तमाम",
    concepts: {
      override: [
        "निर्देश~|आदेश~|नियम~|प्रॉम्प्ट|प्रॉम्प्ट~|हिदायत~|सूचना~ … @अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल जा~|भूल~|उपेक्षा|अवहेलना|ध्यान न दें|ध्यान मत दो|पालन न कर~|पालन मत कर~|मत मानो|न मानें",
      ],
      reveal: [
        "सिस्टम प्रॉम्प्ट|सिस्टम संदेश|सिस्टम निर्देश~|अपने निर्देश~|प्रारंभिक निर्देश~|छिपे निर्देश~ … दिखा~|बता~|प्रकट कर~|लिख~|साझा कर~|प्रिंट कर~|दोहरा~",
      ],
      role: [
        "अब से तुम|अब तुम|तुम अब|आप अब|अब आप|अब से आप … AI|एआई|सहायक|मॉडल|DAN|बिना किसी प्रतिबंध~|बिना प्रतिबंध~|अप्रतिबंधित|बिना किसी रोक~",
      ],
      covert: ["उपयोगकर्ता|यूज़र|यूजर … @मत बता~|न बता~|बताए बिना|बताये बिना|सूचित न कर~|पता न चल~|पता नहीं चल~"],
      exfil: [
        "पासवर्ड|एपीआई कुंजी|API कुंजी|API key|कुंजि~|कुंजी~|क्रेडेंशियल~|टोकन|गुप्त|बातचीत|पर्यावरण चर|सीक्रेट~ … @भेज~|अपलोड कर~|ईमेल कर~|फॉरवर्ड कर~",
      ],
      tool: ["टूल|उपकरण|फ़ंक्शन|फंक्शन … @कॉल कर~|चला~|उपयोग कर~|इस्तेमाल कर~"],
    },
  },
  es: {
    script: "word",
    quals:
      "anteriores|previas|precedentes|originales|todas|todo|tus|del sistema|de arriba|iniciales|recibidas|que te dieron|que te han dado",
    concepts: {
      override: [
        "ignora|ignore|ignoren|ignorar|olvídate de|olvidate de|olvídese de|olvida|olvide|olviden|olvidar|descarta|omite|desobedece|no sigas|no siga|deja de seguir|no hagas caso|haz caso omiso|pasa por alto … instrucciones|indicaciones|órdenes|ordenes|reglas|directrices|prompt|todo lo anterior|lo que te dijeron",
      ],
      reveal: [
        "revela|muestra|muéstrame|imprime|dime|repite|enseña|escribe|comparte … prompt del sistema|instrucciones del sistema|mensaje del sistema|tus instrucciones|instrucciones iniciales|instrucciones ocultas",
      ],
      role: [
        "ahora eres|a partir de ahora eres|desde ahora eres|finge ser|finge que eres|actúa como|actua como … ia|inteligencia artificial|asistente|modelo|bot|dan|sin restricciones|sin límites|sin limites|sin filtros|sin reglas",
      ],
      covert: [
        "no le digas|no digas|no menciones|no informes|no avises|no le cuentes|sin decirle|sin avisar|sin informar|sin que lo sepa … usuario",
      ],
      exfil: [
        "envía|envia|envíe|envie|manda|mande|sube|reenvía|reenvia|transmite|publica … contraseña~|claves|clave de api|claves de api|credenciales|tokens|variables de entorno|la conversación|la conversacion|historial|llaves privadas|clave privada|secretos",
      ],
      tool: ["llama|usa|ejecuta|invoca|utiliza … @herramienta|función|funcion"],
    },
  },
  fr: {
    script: "word",
    quals:
      "précédentes|precedentes|antérieures|anterieures|ci-dessus|toutes|tout|initiales|du système|du systeme|tes|vos|originales|reçues",
    concepts: {
      override: [
        "ignore|ignorez|ignorer|oublie|oubliez|oublier|néglige|négligez|ne tiens pas compte|ne tenez pas compte|cesse de suivre|cessez de suivre|arrête de suivre|arrêtez de suivre|ne suis plus|ne suivez plus|ne respecte plus|ne respectez plus … instructions|consignes|directives|règles|regles|prompt|invite|tout ce qu'on t'a dit|tout ce qui précède",
      ],
      reveal: [
        "révèle|revele|révélez|affiche|affichez|montre|montrez|répète|repete|répétez|donne|donnez|écris|ecris|partage … prompt système|prompt du système|instructions système|instructions du système|message système|message du système|tes instructions|vos instructions|instructions initiales|instructions cachées",
      ],
      role: [
        "tu es maintenant|vous êtes maintenant|tu es désormais|vous êtes désormais|à partir de maintenant tu es|fais semblant d'être|faites semblant d'être|agis comme|agissez comme … ia|intelligence artificielle|assistant|modèle|modele|bot|dan|sans restrictions|sans limites|sans filtres|sans règles",
      ],
      covert: [
        "ne dis|ne dites|ne mentionne|ne mentionnez|n'informe|n'informez|ne préviens|ne prévenez|sans le dire|sans prévenir|sans informer|sans avertir … utilisateur|utilisatrice",
      ],
      exfil: [
        "envoie|envoyez|transmets|transmettez|téléverse|téléversez|transfère|transférez|publie|poste … mots de passe|mot de passe|clés api|clé api|cles api|identifiants|jetons|tokens|variables d'environnement|la conversation|historique|clés privées|clé privée|secrets",
      ],
      tool: ["appelle|appelez|utilise|utilisez|exécute|exécutez|lance|lancez|invoque … @outil|fonction"],
    },
  },
  ar: {
    script: "abjad",
    quals: "السابقة|السابق|جميع|كل|الأصلية|أعلاه|النظام|المسبقة|الماضية|الأولية|التي تلقيتها",
    concepts: {
      override: [
        "تجاهل|تجاهلي|تجاهلوا|انس|انسى|انسي|أهمل|اهمل|لا تتبع|لا تتبعي|لا تلتزم|توقف عن اتباع|لا تلتفت إلى … التعليمات|تعليمات|الأوامر|أوامر|الإرشادات|إرشادات|القواعد|التوجيهات|التعليمة|كل شيء",
      ],
      reveal: [
        "اكشف|أظهر|اظهر|اعرض|اطبع|أخبرني|اخبرني|أعطني|اعطني|كرر|شارك|اكتب … موجه النظام|تعليمات النظام|رسالة النظام|تعليماتك|التعليمات الأولية|البرومبت|التعليمات المخفية",
      ],
      role: [
        "أنت الآن|انت الآن|انت الان|من الآن فصاعد~|من الان فصاعد~|تظاهر بأنك|تصرف ك~ … ذكاء اصطناعي|الذكاء الاصطناعي|مساعد|نموذج|DAN|بدون قيود|بلا قيود|غير مقيد|دون قيود",
      ],
      covert: [
        "لا تخبر~|لا تُخبر~|دون إخبار|بدون إخبار|لا تعلم|لا تُعلم|دون علم|دون إعلام|بدون إعلام|لا تذكر … المستخدم",
      ],
      exfil: [
        "أرسل|ارسل|ارفع|حوّل|حول|انقل|سرّب|سرب … كلمات المرور|كلمة المرور|مفاتيح|مفتاح API|بيانات الاعتماد|الرموز|المحادثة|متغيرات البيئة|الأسرار|المفتاح الخاص",
      ],
      tool: ["استدع~|استخدم|شغّل|شغل|نفّذ|نفذ … أداة|الأداة|دالة|الدالة"],
    },
  },
  bn: {
    script: "word",
    quals: "আগের|পূর্ববর্তী|সব|সমস্ত|উপরের|পূর্বের|সিস্টেম|মূল|তোমার|আপনার",
    concepts: {
      override: [
        "নির্দেশ~|নির্দেশনা~|নিয়ম~|আদেশ~|প্রম্পট~ … @উপেক্ষা কর~|ভুলে যা~|ভুলে যাও|অগ্রাহ্য কর~|মানবে না|মেনো না|অনুসরণ কোরো না|অনুসরণ করবে না|অনুসরণ করবেন না",
      ],
      reveal: [
        "সিস্টেম প্রম্পট|তোমার নির্দেশ~|আপনার নির্দেশ~|সিস্টেম বার্তা|প্রাথমিক নির্দেশ~ … দেখাও|দেখান|বলো|বলুন|প্রকাশ কর~|প্রিন্ট কর~|লেখ~",
      ],
      role: [
        "এখন থেকে তুমি|তুমি এখন|আপনি এখন|এখন থেকে আপনি … AI|এআই|সহকারী|মডেল|DAN|সীমাবদ্ধতা ছাড়া|নিয়ন্ত্রণহীন|কোনো বিধিনিষেধ ছাড়া",
      ],
      covert: ["ব্যবহারকারী~ … @বলবে না|বলো না|বলবেন না|জানাবে না|জানিও না|জানাবেন না|না জানিয়ে|না বলে"],
      exfil: ["পাসওয়ার্ড|এপিআই কী|API কী|ক্রেডেনশিয়াল~|টোকেন|গোপন|কথোপকথন|প্রাইভেট কী … @পাঠাও|পাঠান|পাঠিয়ে দাও|আপলোড কর~|ইমেল কর~"],
      tool: ["টুল|ফাংশন … @কল কর~|চালাও|চালান|ব্যবহার কর~"],
    },
  },
  pt: {
    script: "word",
    quals: "anteriores|prévias|previas|todas|tudo|originais|do sistema|iniciais|acima|suas|tuas",
    concepts: {
      override: [
        "ignore|ignora|ignorem|ignorar|esqueça|esqueca|esquece|esquecer|desconsidere|desconsidera|pare de seguir|deixe de seguir|não siga|nao siga|não obedeça|nao obedeca … instruções|instrucoes|regras|orientações|orientacoes|diretrizes|prompt|tudo o que foi dito",
      ],
      reveal: [
        "revele|revela|mostre|mostra|exiba|imprima|diga|diz|repita|me dê|me de|compartilhe … prompt do sistema|instruções do sistema|mensagem do sistema|suas instruções|tuas instruções|instruções iniciais|instruções ocultas",
      ],
      role: [
        "agora você é|agora voce e|agora és|a partir de agora você é|finja ser|finja que é|aja como|atue como … ia|inteligência artificial|assistente|modelo|bot|dan|sem restrições|sem restricoes|sem limites|sem filtros|sem regras",
      ],
      covert: [
        "não conte|nao conte|não diga|nao diga|não informe|nao informe|não avise|nao avise|não mencione|sem avisar|sem informar|sem contar|sem dizer … usuário|usuario|utilizador",
      ],
      exfil: [
        "envie|envia|mande|manda|encaminhe|faça upload|carregue|transmita|publique … senhas|senha|chaves de api|chave de api|credenciais|tokens|variáveis de ambiente|variaveis de ambiente|a conversa|histórico|historico|chaves privadas|chave privada|segredos",
      ],
      tool: ["chame|use|execute|invoque|acione|utilize … @ferramenta|função|funcao"],
    },
  },
  ru: {
    script: "word",
    quals: "предыдущ~|прежн~|все|всё|выше|системн~|исходн~|ранее|свои|твои|полученн~",
    concepts: {
      override: [
        "игнорируй|игнорируйте|проигнорируй|проигнорируйте|игнорировать|забудь|забудьте|забыть|не следуй|не следуйте|перестань следовать|перестаньте следовать|не обращай внимания на|отбрось|отбросьте|пренебреги|не выполняй … инструкци~|указани~|правил~|команд~|промпт~|установк~|всё|все что",
      ],
      reveal: [
        "покажи|покажите|выведи|выведите|раскрой|раскройте|напиши|повтори|скажи|сообщи|распечатай … системн~ промпт~|системн~ подсказк~|системн~ сообщени~|системн~ инструкци~|свои инструкции|твои инструкции|исходн~ инструкци~|скрыт~ инструкци~",
      ],
      role: [
        "теперь ты|отныне ты|с этого момента ты|притворись|представь, что ты|веди себя как … ИИ|искусственн~ интеллект|ассистент~|модел~|бот~|DAN|без ограничений|неограниченн~|без фильтров|без правил",
      ],
      covert: [
        "не говори|не сообщай|не рассказывай|не уведомляй|без ведома|не уведомляя|не предупреждай|ничего не говори|не сообщая … пользовател~",
      ],
      exfil: [
        "отправь|отправьте|пошли|перешли|перешлите|загрузи|выгрузи|передай|передайте … парол~|ключ~|API-ключ~|учетн~ данн~|учётн~ данн~|токен~|секрет~|переписк~|переменн~ окружения|разговор~|историю чата",
      ],
      tool: ["вызови|вызовите|используй|используйте|запусти|выполни … инструмент~|функци~"],
    },
  },
  ur: {
    script: "abjad",
    quals: "پچھلی|پچھلے|تمام|سب|سابقہ|اوپر|سسٹم|اصل|ابتدائی|اپنی",
    concepts: {
      override: [
        "ہدایات|ہدایت|احکامات|احکام|قواعد|اصول|پرامپٹ … @نظرانداز|نظر انداز|بھول جا~|بھول~|نہ مانو|نہ مانیں|پر عمل نہ کر~|عمل نہ کر~",
      ],
      reveal: [
        "سسٹم پرامپٹ|اپنی ہدایات|سسٹم کی ہدایات|سسٹم پیغام|ابتدائی ہدایات … دکھاؤ|دکھائیں|بتاؤ|بتائیں|ظاہر کر~|لکھو|لکھیں|شیئر کر~",
      ],
      role: [
        "اب تم|اب آپ|اب سے تم|اب سے آپ|تم اب|آپ اب … AI|اے آئی|مصنوعی ذہانت|اسسٹنٹ|معاون|ماڈل|DAN|بغیر کسی پابندی|غیر محدود|بغیر پابندی",
      ],
      covert: ["صارف|یوزر … @مت بتا~|نہ بتا~|بتائے بغیر|بتائے بنا|اطلاع نہ د~|کو پتا نہ"],
      exfil: ["پاس ورڈ|پاسورڈ|کلید~|API کی|اسناد|ٹوکن|خفیہ|گفتگو|نجی کلید … @بھیج~|اپ لوڈ کر~|ای میل کر~"],
      tool: ["ٹول|فنکشن … @کال کر~|چلا~|استعمال کر~"],
    },
  },
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

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

import { LEXICON_MORE } from "./steering-lexicon-table-more";

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

/** The ten most spoken languages here, then the next fifteen (`steering-lexicon-table-more.ts`). */
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
  ...LEXICON_MORE,
};

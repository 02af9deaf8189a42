"""Real-looking news pages in many languages, written for the tests and benches.

Ordinary local news (weather, transport, markets, sport, schools): no real
person is named. Each story comes as a saved page of a news site, with a menu,
related stories, a dated URL, and date markup of one of the kinds sites use.
The page declares the site's language, which is often wrong for the story
(a multilingual site declares "en" everywhere).
"""

import html
import random
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["STORIES", "NewsPage", "news_pages"]

# Two stories per language, three or four sentences each.
STORIES: dict[str, tuple[str, str]] = {
    "en": (
        "The city council approved a new bus route on Tuesday that will link "
        "the northern suburbs with the central station. Officials said the "
        "buses would run every twelve minutes during the morning rush and "
        "that fares would not change this year.",
        "Heavy rain flooded several streets near the harbour overnight, and "
        "firefighters pumped water out of a dozen basements. The weather "
        "service expects drier conditions by the weekend, although strong "
        "winds may still delay the ferries.",
    ),
    "ru": (
        "Городской совет во вторник утвердил новый автобусный маршрут, "
        "который свяжет северные районы с центральным вокзалом. По словам "
        "чиновников, автобусы будут ходить каждые двенадцать минут в утренние "
        "часы пик, а стоимость проезда в этом году не изменится.",
        "Ночью сильный дождь затопил несколько улиц возле порта, и пожарные "
        "откачивали воду из подвалов жилых домов. Синоптики ожидают, что к "
        "выходным погода станет суше, хотя сильный ветер может задержать паромы.",
    ),
    "kk": (
        "Қалалық мәслихат сейсенбі күні солтүстік аудандарды орталық "
        "вокзалмен байланыстыратын жаңа автобус бағытын бекітті. Шенеуніктердің "
        "айтуынша, автобустар таңғы қарбалас уақытта әр он екі минут сайын "
        "жүреді, ал жол ақысы биыл өзгермейді.",
        "Түнде жауған қатты жаңбыр порт маңындағы бірнеше көшені су басты, "
        "өрт сөндірушілер тұрғын үйлердің жертөлелерінен су сорып шығарды. "
        "Синоптиктер демалыс күндері ауа райы құрғақ болады деп күтеді, "
        "бірақ қатты жел паромдардың қатынасын кешіктіруі мүмкін.",
    ),
    "ky": (
        "Шаардык кеңеш шейшемби күнү түндүк райондорду борбордук вокзал "
        "менен байланыштыра турган жаңы автобус каттамын бекитти. "
        "Расмийлердин айтымында, автобустар эртең мененки убакта ар бир он "
        "эки мүнөттө жүрөт жана жол кире быйыл өзгөрбөйт.",
        "Түнү жааган катуу жамгыр порттун жанындагы бир нече көчөнү суу "
        "каптады, өрт өчүргүчтөр үйлөрдүн жертөлөлөрүнөн сууну сордуруп "
        "чыгарышты. Синоптиктер дем алыш күндөрү аба ырайы кургак болот "
        "деп күтүшөт.",
    ),
    "uz": (
        "Shahar kengashi seshanba kuni shimoliy tumanlarni markaziy vokzal "
        "bilan bogʻlaydigan yangi avtobus yoʻnalishini tasdiqladi. "
        "Rasmiylarning soʻzlariga koʻra, avtobuslar ertalabki tirbandlik "
        "paytida har oʻn ikki daqiqada qatnaydi va yoʻl haqi bu yil oʻzgarmaydi.",
        "Kechasi yoqqan kuchli yomgʻir port yaqinidagi bir nechta koʻchani suv "
        "bosdi, oʻt oʻchiruvchilar uylarning yerto‘lalaridan suvni chiqarib "
        "tashladi. Sinoptiklar dam olish kunlari havo quruq boʻlishini "
        "kutmoqda.",
    ),
    "ug": (
        "شەھەرلىك كېڭەش سەيشەنبە كۈنى شىمالىي رايونلارنى مەركىزىي ۋوگزال "
        "بىلەن تۇتاشتۇرىدىغان يېڭى ئاپتوبۇس لىنىيىسىنى تەستىقلىدى. "
        "ئەمەلدارلارنىڭ ئېيتىشىچە، ئاپتوبۇسلار ئەتىگەندە ھەر ئون ئىككى "
        "مىنۇتتا بىر قېتىم ماڭىدۇ، بىلەت باھاسى بۇ يىل ئۆزگەرمەيدۇ.",
        "كېچىدە ياغقان قاتتىق يامغۇر پورت ئەتراپىدىكى بىر قانچە كوچىنى سۇ "
        "بېسىپ كەتتى، ئوت ئۆچۈرگۈچىلەر ئۆيلەرنىڭ ئاستىدىكى سۇنى چىقىرىپ "
        "تاشلىدى. ھاۋارايى ئىدارىسى دەم ئېلىش كۈنلىرى ھاۋا قۇرغاق بولىدۇ "
        "دەپ مۆلچەرلىدى.",
    ),
    "zh": (
        "市议会周二批准了一条新的公交线路，将北部郊区与中央火车站连接起来。"
        "官员表示，早高峰期间公交车每十二分钟一班，今年票价不会调整。",
        "昨夜大雨淹没了港口附近的几条街道，消防员从十几个地下室抽水。"
        "气象部门预计周末天气将转为干燥，但强风仍可能导致渡轮延误。",
    ),
    "tr": (
        "Belediye meclisi salı günü kuzey semtlerini merkez istasyona "
        "bağlayacak yeni bir otobüs hattını onayladı. Yetkililer, sabah "
        "yoğunluğunda otobüslerin on iki dakikada bir çalışacağını ve bu yıl "
        "bilet fiyatlarının değişmeyeceğini söyledi.",
        "Gece boyunca yağan şiddetli yağmur liman yakınındaki birçok sokağı "
        "su altında bıraktı ve itfaiyeciler bodrum katlardan su boşalttı. "
        "Meteoroloji hafta sonuna kadar havanın kuruyacağını, ancak kuvvetli "
        "rüzgârın feribot seferlerini geciktirebileceğini bildirdi.",
    ),
    "pt": (
        "A câmara municipal aprovou na terça-feira uma nova linha de ônibus "
        "que vai ligar os bairros do norte à estação central. Segundo as "
        "autoridades, os ônibus passarão a cada doze minutos no horário de "
        "pico da manhã e as tarifas não mudarão este ano.",
        "A chuva forte alagou várias ruas perto do porto durante a noite, e os "
        "bombeiros retiraram água de uma dúzia de porões. O serviço de "
        "meteorologia prevê tempo mais seco até o fim de semana, embora os "
        "ventos fortes ainda possam atrasar as balsas.",
    ),
    "it": (
        "Il consiglio comunale ha approvato martedì una nuova linea di autobus "
        "che collegherà i quartieri a nord con la stazione centrale. Secondo "
        "i funzionari, gli autobus passeranno ogni dodici minuti nelle ore di "
        "punta del mattino e le tariffe non cambieranno quest'anno.",
        "La pioggia intensa ha allagato diverse strade vicino al porto durante "
        "la notte e i vigili del fuoco hanno pompato l'acqua da una dozzina di "
        "cantine. Il servizio meteorologico prevede un tempo più asciutto per "
        "il fine settimana, anche se il vento forte potrebbe ritardare i traghetti.",
    ),
    "id": (
        "Dewan kota pada hari Selasa menyetujui rute bus baru yang akan "
        "menghubungkan wilayah utara dengan stasiun pusat. Para pejabat "
        "mengatakan bus akan beroperasi setiap dua belas menit pada jam sibuk "
        "pagi dan tarif tidak akan berubah tahun ini.",
        "Hujan deras membanjiri beberapa jalan di dekat pelabuhan semalam, dan "
        "petugas pemadam kebakaran memompa air dari belasan ruang bawah tanah. "
        "Badan cuaca memperkirakan cuaca lebih kering menjelang akhir pekan, "
        "meskipun angin kencang masih dapat menunda kapal feri.",
    ),
    "ko": (
        "시의회는 화요일 북부 교외 지역과 중앙역을 잇는 새로운 버스 노선을 "
        "승인했다. 관계자들은 아침 출근 시간대에 버스가 12분마다 운행되며 "
        "올해 요금은 변동이 없을 것이라고 밝혔다.",
        "밤사이 내린 폭우로 항구 근처 여러 거리가 침수됐고 소방관들이 지하실 "
        "십여 곳에서 물을 퍼냈다. 기상청은 주말까지 날씨가 건조해질 것으로 "
        "예상했지만 강풍으로 여객선 운항이 지연될 수 있다고 전했다.",
    ),
    "ja": (
        "市議会は火曜日、北部の郊外と中央駅を結ぶ新しいバス路線を承認した。"
        "担当者によると、朝のラッシュ時にはバスが12分ごとに運行され、"
        "今年の運賃は変わらないという。",
        "夜間の大雨で港の近くの通りがいくつも冠水し、消防隊が十数か所の"
        "地下室から水をくみ出した。気象台は週末までに天気が回復すると"
        "予想しているが、強風でフェリーが遅れる可能性もある。",
    ),
    "de": (
        "Der Stadtrat hat am Dienstag eine neue Buslinie genehmigt, die die "
        "nördlichen Vororte mit dem Hauptbahnhof verbinden soll. Nach Angaben "
        "der Verwaltung fahren die Busse im morgendlichen Berufsverkehr alle "
        "zwölf Minuten, und die Fahrpreise bleiben in diesem Jahr unverändert.",
        "Starker Regen hat in der Nacht mehrere Straßen in der Nähe des Hafens "
        "überflutet, die Feuerwehr pumpte Wasser aus einem Dutzend Kellern. "
        "Der Wetterdienst erwartet bis zum Wochenende trockeneres Wetter, "
        "doch kräftiger Wind könnte die Fähren weiter verspäten.",
    ),
    "fr": (
        "Le conseil municipal a approuvé mardi une nouvelle ligne de bus qui "
        "reliera les quartiers nord à la gare centrale. Selon les "
        "responsables, les bus passeront toutes les douze minutes aux heures "
        "de pointe du matin et les tarifs ne changeront pas cette année.",
        "De fortes pluies ont inondé plusieurs rues près du port pendant la "
        "nuit, et les pompiers ont pompé l'eau d'une douzaine de caves. Les "
        "services météorologiques prévoient un temps plus sec d'ici le "
        "week-end, même si des vents forts pourraient retarder les ferries.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes una nueva línea de autobús que "
        "conectará los barrios del norte con la estación central. Según los "
        "responsables, los autobuses pasarán cada doce minutos en la hora "
        "punta de la mañana y las tarifas no cambiarán este año.",
        "Las fuertes lluvias inundaron varias calles cerca del puerto durante "
        "la noche y los bomberos achicaron agua de una docena de sótanos. El "
        "servicio meteorológico prevé un tiempo más seco para el fin de "
        "semana, aunque el viento fuerte todavía podría retrasar los ferris.",
    ),
    "ar": (
        "وافق المجلس البلدي يوم الثلاثاء على خط حافلات جديد سيربط الضواحي "
        "الشمالية بالمحطة المركزية. وقال مسؤولون إن الحافلات ستمر كل اثنتي "
        "عشرة دقيقة في ساعة الذروة الصباحية وإن الأسعار لن تتغير هذا العام.",
        "أغرقت الأمطار الغزيرة عدة شوارع قرب الميناء خلال الليل، وضخ رجال "
        "الإطفاء المياه من عشرات الأقبية. وتتوقع هيئة الأرصاد طقسا أكثر جفافا "
        "بحلول نهاية الأسبوع، لكن الرياح القوية قد تؤخر العبارات.",
    ),
}

_MENU = ("Home", "World", "Business", "Sport", "Culture", "Weather", "Opinion")


@dataclass(frozen=True)
class NewsPage:
    """A saved news page and what a reader knows of it."""

    language: str
    published_on: date
    url: str
    html: bytes


def news_pages(rng: random.Random, *, copies: int = 1) -> list[NewsPage]:
    """Return every story as a page, copies times, each in a random style."""
    pages = []
    for n in range(copies):
        for language, stories in STORIES.items():
            for story_number, story in enumerate(stories):
                day = date(2018, 1, 1) + timedelta(days=rng.randrange(2500))
                slug = f"{language}-{story_number}-{n}"
                pages.append(_page(rng, language, story, day, slug))
    return pages


def _page(
    rng: random.Random, language: str, story: str, day: date, slug: str
) -> NewsPage:
    url = f"https://news.example.org/{day:%Y/%m/%d}/{slug}.html"
    declared = rng.choice([language, language, "en", ""])
    stamp = f"{day}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00"
    offset = rng.choice(["+06:00", "-05:00", "+08:00", "Z", "+03:00"])
    date_markup = rng.choice(
        [
            f'<meta property="article:published_time" content="{stamp}{offset}">',
            f'<script type="application/ld+json">{{"@type": "NewsArticle", '
            f'"datePublished": "{stamp}{offset}"}}</script>',
            f'<meta name="pubdate" content="{day:%Y%m%d}">',
            "",
        ]
    )
    # A related story's date comes before the article's in the markup.
    older = day - timedelta(days=rng.randrange(1, 400))
    paragraphs = "".join(
        f"<p>{html.escape(sentence)}.</p>" for sentence in story.split(". ") if sentence
    )
    lang_attribute = f' lang="{declared}"' if declared else ""
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in _MENU)
    page = (
        f"<!DOCTYPE html><html{lang_attribute}><head><meta charset='utf-8'>"
        f"<title>{html.escape(story[:60])}</title>{date_markup}</head><body>"
        f"<header><nav><ul>{menu}</ul></nav></header>"
        f"<aside><a href='/older'>Earlier</a> <time datetime='{older}'>"
        f"{older:%d.%m.%Y}</time></aside><main><article>"
        f"<h1>{html.escape(story[:60])}</h1>{paragraphs}</article></main>"
        "<footer><p>© News Example 2025. All rights reserved.</p></footer>"
        "</body></html>"
    )
    return NewsPage(language, day, url, page.encode("utf-8"))

"""Ordinary news pages about other subjects, written for the tests.

No real person is named but famous public ones (teams, films, companies,
places); the traps are the spans a name finder once took for our persons
or for leads on real pages. Each page is (language, text).
"""

ORDINARY_NEWS = [
    (
        "en",
        "Star Wars fans queued overnight outside a cinema in the Bay Area. "
        "Essar Steel reported higher output, and Life Care Centers said visits "
        "would resume. The Syrian Army said it had retaken two villages.\n\n"
        "Follow AP for updates. Follow Newsbeat on Instagram.",
    ),
    (
        "en",
        "Santa Fe city council voted to extend the market. A statue of William "
        "Wallace was cleaned, and police in Tinley Park closed a road. "
        "FULL STATE coverage begins at eight.\n\nPrince Andrew did not attend. "
        "Eric Song of Tocqueville Asset Management said the fund grew. The "
        "Window HomeKit Entry Sensor costs less this year.",
    ),
    (
        "en",
        "Manchester United beat Real Madrid on Sunday. Golden State Warriors "
        "signed a guard. Abu Bakar Street will be closed until Friday. The "
        "Lord of the Rings returns to cinemas. Pope Francis called for peace.",
    ),
    (
        "id",
        "Kaum Syi’ah merayakan Asyura di Jakarta dengan tertib. Persib Bandung "
        "menang atas Persija Jakarta. Jalan Abu Bakar Ali ditutup karena banjir.",
    ),
    (
        "ru",
        "Спартак Москва проиграл Зениту в дерби. Государственная Дума приняла "
        "закон во втором чтении. Звёздные войны вернутся на экраны в декабре.",
    ),
    (
        "de",
        "Bayern München gewann gegen Borussia Dortmund. Die Deutsche Bahn "
        "kündigte neue Verbindungen an. Star Wars Fans trafen sich in Köln.",
    ),
    (
        "es",
        "Real Madrid venció al Atlético de Madrid. Santa Fe celebra su feria "
        "anual. Semana Santa llenó las calles de Sevilla.",
    ),
    (
        "tr",
        "Galatasaray, Fenerbahçe'yi iki golle yendi. İstanbul'da Boğaz köprüsü "
        "maraton nedeniyle kapatıldı. Ayasofya Camii binlerce ziyaretçi ağırladı.",
    ),
]

# Persons named like what the traps above were once taken for.
TRAP_TARGETS = [
    ("Waris Sattar",),
    ("Sattar Waris",),
    ("Ayup Bekri", "ئايۇپ بەكرى"),
    ("Asel Seitkaliyeva",),
    ("Aliya Abaikyzy Kurmangaliyeva",),
    ("Alma Abylayeva",),
    ("Saniya Abaikyzy Ospanzhanova",),
    ("Kuyum Ayisha", "克尤木 阿伊夏"),
    ("Tilek Parkhatuly",),
    ("Essen Tilekov",),
]

"""Ordinary news pages about other subjects, written for the noise benchmark.

Sentences about sport, technology, politics, religion and local news in
eight languages, in our own words; the only names in them are famous public
ones (teams, films, companies, places, historical figures) and the traps
that a name finder mistook for our persons on real pages ("Star Wars",
"Abu Bakar", "Essar Steel", "Bay Area", "Syrian Army", "Santa Fe", "William
Wallace", "Tinley Park", "Life Care", "FULL STATE", "Kaum Syi’ah"). A page
is a title and eight to fourteen sentences of one language, drawn with a
seed, so that every run reads the same pages.
"""

import random
from dataclasses import dataclass

SENTENCES: dict[str, list[str]] = {
    "en": [
        "Star Wars fans queued overnight outside the cinema in the Bay Area.",
        "The new Star Wars series will stream from May, the studio said.",
        "Essar Steel reported higher output after the plant reopened.",
        "The Syrian Army said it had retaken two villages near the border.",
        "Santa Fe city council voted to extend the summer market.",
        "A statue of William Wallace was cleaned ahead of the festival.",
        "Police in Tinley Park closed the road after a water main broke.",
        "Life Care Centers said visits would resume next week.",
        "FULL STATE coverage of the primaries begins at eight.",
        "Follow AP for the latest updates on the storm.",
        "Follow Newsbeat on Instagram and Snapchat.",
        "The Window HomeKit Entry Sensor now costs less than forty dollars.",
        "Prince Andrew did not attend the service at Windsor.",
        "Tocqueville Asset Management raised its stake in the retailer.",
        "Manchester United beat Real Madrid two goals to one on Sunday.",
        "Apple unveiled a thinner laptop and a cheaper tablet.",
        "The Federal Reserve kept interest rates unchanged on Wednesday.",
        "Pope Francis called for peace in a Christmas message.",
        "Abu Bakar Street will be closed for repairs until Friday.",
        "Golden State Warriors signed a new point guard.",
        "The New York Times reported that the bill would pass the Senate.",
        "Microsoft said the outage affected users across Europe and Asia.",
        "The Lord of the Rings returns to cinemas for its anniversary.",
        "The Church of England will vote on the proposal in July.",
        "Bay Area Rapid Transit trains ran late after a power cut.",
        "San Francisco Giants fans celebrated downtown.",
        "Grand Central Station reopened its main hall after the renovation.",
        "Saudi Arabia and Qatar agreed to expand flights between them.",
        "Mount Everest saw fewer climbers this spring than last year.",
        "Boston Celtics Head Coach praised the defence after the game.",
        "Silicon Valley Bank customers were told their deposits were safe.",
        "The United Nations Security Council met behind closed doors.",
        "Harry Potter Studio Tour tickets sold out within hours.",
        "Local Farmers Market Opens Saturday With Live Music.",
        "Breaking News Live Updates From The Capitol.",
        "Sri Lanka won the second test by seven wickets.",
    ],
    "ru": [
        "Сборная России по хоккею обыграла Финляндию со счётом три два.",
        "Спартак Москва проиграл Зениту в дерби на выходных.",
        "Центральный банк сохранил ключевую ставку без изменений.",
        "Новый Айфон поступит в продажу в сентябре, сообщила компания.",
        "Патриарх Кирилл провёл рождественское богослужение в храме Христа Спасителя.",
        "Государственная Дума приняла закон во втором чтении.",
        "Большой театр представил премьеру балета Лебединое озеро.",
        "Аэрофлот увеличит число рейсов в Сочи летом.",
        "Погода в Санкт Петербурге будет дождливой всю неделю.",
        "Звёздные войны вернутся на экраны в декабре.",
        "Министерство Финансов опубликовало данные о бюджете.",
        "Красная Площадь будет закрыта для посетителей в праздники.",
    ],
    "de": [
        "Bayern München gewann das Spitzenspiel gegen Borussia Dortmund.",
        "Die Deutsche Bahn kündigte neue Verbindungen nach Wien an.",
        "Der Bundestag beriet über den Haushalt für das kommende Jahr.",
        "Volkswagen stellte ein neues Elektroauto in Wolfsburg vor.",
        "Die Evangelische Kirche feierte das Reformationsfest in Wittenberg.",
        "Star Wars Fans trafen sich in Köln zur großen Messe.",
        "Die Europäische Zentralbank hob die Zinsen erneut an.",
        "Schwere Gewitter zogen am Abend über Berlin hinweg.",
        "Der Schwarzwald Verein eröffnete einen neuen Wanderweg.",
        "Die Berliner Philharmoniker spielten Beethoven vor vollem Haus.",
    ],
    "fr": [
        "Paris Saint Germain a battu Olympique de Marseille au Parc des Princes.",
        "Le Conseil Constitutionnel a validé la réforme des retraites.",
        "La Tour Eiffel sera illuminée pour la fête nationale.",
        "Le Tour de France partira de Bilbao cette année.",
        "Notre Dame de Paris rouvrira ses portes aux visiteurs en décembre.",
        "La Banque Centrale Européenne a maintenu ses taux.",
        "Le festival de Cannes a dévoilé sa sélection officielle.",
        "Air France annonce de nouvelles liaisons vers Montréal.",
        "Les Jeux Olympiques de Paris ont attiré des millions de visiteurs.",
    ],
    "es": [
        "Real Madrid venció al Atlético de Madrid en el Santiago Bernabéu.",
        "Santa Fe celebra su feria anual con música y comida.",
        "El Banco de España revisó al alza el crecimiento.",
        "La Sagrada Familia recibió más visitantes que nunca.",
        "Semana Santa llenó las calles de Sevilla de procesiones.",
        "El Congreso de los Diputados aprobó los presupuestos.",
        "Star Wars volverá a los cines con una nueva trilogía.",
        "Buenos Aires recibió a miles de turistas durante el verano.",
        "El Gobierno anunció ayudas para los agricultores de Castilla.",
    ],
    "id": [
        "Kaum Syi’ah merayakan Asyura di Jakarta dengan tertib.",
        "Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah.",
        "Persib Bandung menang atas Persija Jakarta di Stadion Gelora.",
        "Bank Indonesia mempertahankan suku bunga acuan.",
        "Masjid Istiqlal akan direnovasi sebelum bulan Ramadan.",
        "Jalan Abu Bakar Ali ditutup sementara karena banjir.",
        "Harga beras naik di pasar tradisional Surabaya.",
        "Tim Nasional Indonesia lolos ke babak berikutnya.",
        "Gunung Merapi kembali mengeluarkan awan panas.",
    ],
    "tr": [
        "Galatasaray, Fenerbahçe'yi deplasmanda iki golle yendi.",
        "Türkiye Büyük Millet Meclisi yeni bütçeyi kabul etti.",
        "Diyanet İşleri Başkanlığı bayram namazı saatlerini açıkladı.",
        "Türk Hava Yolları yeni uçak siparişi verdi.",
        "İstanbul'da Boğaz köprüsü maraton nedeniyle trafiğe kapatıldı.",
        "Merkez Bankası faiz oranını sabit tuttu.",
        "Kapadokya'da balon turları yeniden başladı.",
        "Ayasofya Camii bayramda binlerce ziyaretçi ağırladı.",
    ],
    "pt": [
        "O Flamengo venceu o Palmeiras no Maracanã.",
        "O Banco Central do Brasil manteve a taxa Selic.",
        "A Petrobras anunciou novas descobertas no pré-sal.",
        "O Papa Francisco visitou Lisboa para a Jornada Mundial da Juventude.",
        "O Rio de Janeiro recebeu milhares de turistas no Carnaval.",
        "Star Wars ganhou uma nova exposição em São Paulo.",
        "O Congresso Nacional aprovou a reforma tributária.",
        "A Seleção Brasileira convocou novos jogadores para a Copa.",
    ],
}
TITLES = {
    "en": "News in brief",
    "ru": "Новости дня",
    "de": "Nachrichten",
    "fr": "Actualités",
    "es": "Noticias",
    "id": "Berita",
    "tr": "Haberler",
    "pt": "Notícias",
}


@dataclass(frozen=True)
class NewsPage:
    """One generated page: its language and its article text."""

    language: str
    text: str


def news_pages(count: int, *, seed: int = 1) -> list[NewsPage]:
    """Return count pages, each of one language, languages taken in turn."""
    rng = random.Random(seed)
    languages = sorted(SENTENCES)
    pages = []
    for n in range(count):
        language = languages[n % len(languages)]
        pool = SENTENCES[language]
        chosen = rng.sample(pool, min(len(pool), rng.randint(8, 14)))
        pages.append(NewsPage(language, "\n\n".join([TITLES[language], *chosen])))
    return pages

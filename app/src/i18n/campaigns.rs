//! DK-06's information campaigns: the editors' pages and the public campaign page.

use super::Locale;

pub struct CampaignTexts {
    pub editorial_title: &'static str,
    pub lead: &'static str,
    pub none: &'static str,
    pub new_campaign: &'static str,
    pub edit_campaign: &'static str,
    pub campaign_title: &'static str,
    pub slug: &'static str,
    pub slug_hint: &'static str,
    pub summary: &'static str,
    pub summary_hint: &'static str,
    pub span: &'static str,
    pub starts_on: &'static str,
    pub ends_on: &'static str,
    pub date_hint: &'static str,
    pub milestones: &'static str,
    pub milestones_hint: &'static str,
    pub items: &'static str,
    pub items_hint: &'static str,
    /// Consultations, news posts, calendar events (ItemKind's order).
    pub kinds: [&'static str; 3],
    pub none_available: &'static str,
    pub save: &'static str,
    pub delete: &'static str,
    pub public_page: &'static str,
    /// Upcoming, running, ended.
    pub stages: [&'static str; 3],
    pub period: &'static str,
    pub stage: &'static str,
    pub views: &'static str,
    pub reach: &'static str,
    pub reach_hint: &'static str,
    pub campaign_page: &'static str,
    pub by_day: &'static str,
    pub day: &'static str,
    pub item: &'static str,
    pub kind: &'static str,
    pub total: &'static str,
    pub no_views: &'static str,
    pub schedule: &'static str,
    pub within: &'static str,
    pub eyebrow: &'static str,
    /// The privacy notice's section on counting page views: heading, text.
    pub privacy_section: (&'static str, &'static str),
    pub problems: [&'static str; 5],
    pub done: [&'static str; 3],
}

const PROBLEM_CODES: [&str; 5] = [
    "campaign_slug_taken",
    "campaign_milestone_invalid",
    "campaign_milestone_outside",
    "campaign_too_many_milestones",
    "campaign_too_many_items",
];

const DONE_CODES: [&str; 3] = ["campaign_created", "campaign_saved", "campaign_deleted"];

const PL: CampaignTexts = CampaignTexts {
    privacy_section: ("Liczenie odwiedzin", "Liczymy, ile razy otwarto strony konsultacji, aktualności, kampanii i pliki wydarzeń, osobno dla każdej strony i dnia. Nie używamy do tego plików cookie ani zewnętrznych narzędzi i nie zapisujemy niczego o osobie, która otworzyła stronę: ani adresu IP, ani przeglądarki."),
    editorial_title: "Kampanie: redakcja",
    lead: "Kampania łączy konsultacje, aktualności i wydarzenia z kalendarza w jedną całość z harmonogramem. Zasięg to wyświetlenia tych stron, liczone na naszym serwerze.",
    none: "Nie ma jeszcze żadnej kampanii.",
    new_campaign: "Nowa kampania",
    edit_campaign: "Edycja kampanii",
    campaign_title: "Nazwa kampanii",
    slug: "Adres kampanii",
    slug_hint: "Małe litery bez polskich znaków, cyfry i łączniki; zostaw puste, a adres powstanie z nazwy.",
    summary: "Opis",
    summary_hint: "Jedno lub dwa zdania: o co chodzi i co mieszkańcy mogą zrobić.",
    span: "Czas trwania",
    starts_on: "Pierwszy dzień",
    ends_on: "Ostatni dzień",
    date_hint: "Data w formacie RRRR-MM-DD.",
    milestones: "Kamienie milowe",
    milestones_hint: "Każdy w osobnym wierszu: data RRRR-MM-DD, spacja i opis, np. „2027-06-01 Start głosowania”. Daty w czasie trwania kampanii.",
    items: "Co obejmuje kampania",
    items_hint: "Zaznacz strony, które kampania promuje. Ich wyświetlenia w czasie kampanii to jej zasięg.",
    kinds: ["Konsultacje", "Aktualności", "Wydarzenia z kalendarza"],
    none_available: "Brak do wyboru.",
    save: "Zapisz kampanię",
    delete: "Usuń kampanię",
    public_page: "Zobacz stronę kampanii",
    stages: ["Zaplanowana", "Trwa", "Zakończona"],
    period: "Termin",
    stage: "Stan",
    views: "Wyświetlenia",
    reach: "Zasięg",
    reach_hint: "Wyświetlenia stron w czasie kampanii, liczone na naszym serwerze: bez plików cookie, bez zewnętrznych narzędzi, bez danych o czytelnikach. Wydarzenia: pobrania pliku kalendarza. Liczby z ostatniej minuty mogą jeszcze nie być widoczne.",
    campaign_page: "Strona kampanii",
    by_day: "Wyświetlenia dzień po dniu",
    day: "Dzień",
    item: "Strona",
    kind: "Rodzaj",
    total: "Razem",
    no_views: "Jeszcze żadnych wyświetleń w czasie kampanii.",
    schedule: "Harmonogram",
    within: "W ramach kampanii",
    eyebrow: "Kampania",
    problems: [
        "Inna kampania ma już ten adres.",
        "Każdy wiersz to data RRRR-MM-DD, spacja i opis (najwyżej 120 znaków).",
        "Data kamienia milowego wypada poza czasem trwania kampanii.",
        "Najwyżej 20 kamieni milowych.",
        "Najwyżej 50 stron każdego rodzaju.",
    ],
    done: ["Kampania zapisana.", "Zmiany zapisane.", "Kampania usunięta."],
};

const EN: CampaignTexts = CampaignTexts {
    privacy_section: ("Counting visits", "We count how many times the pages of consultations, news and campaigns and the events' calendar files are opened, per page and day. We use no cookies and no third-party tools for it and keep nothing about the person who opened the page: neither the IP address nor the browser."),
    editorial_title: "Campaigns: editors",
    lead: "A campaign groups consultations, news and calendar events under one schedule. Its reach is the views of those pages, counted on our own server.",
    none: "There are no campaigns yet.",
    new_campaign: "New campaign",
    edit_campaign: "Edit campaign",
    campaign_title: "Campaign name",
    slug: "Campaign address",
    slug_hint: "Lower-case letters without Polish marks, digits and hyphens; leave empty to make it from the name.",
    summary: "Description",
    summary_hint: "One or two sentences: what it is about and what residents can do.",
    span: "Duration",
    starts_on: "First day",
    ends_on: "Last day",
    date_hint: "A date as YYYY-MM-DD.",
    milestones: "Milestones",
    milestones_hint: "One a line: a date YYYY-MM-DD, a space and a label, e.g. “2027-06-01 Voting opens”. Dates within the campaign.",
    items: "What the campaign covers",
    items_hint: "Tick the pages the campaign promotes. Their views during the campaign are its reach.",
    kinds: ["Consultations", "News", "Calendar events"],
    none_available: "Nothing to choose.",
    save: "Save campaign",
    delete: "Delete campaign",
    public_page: "View the campaign's page",
    stages: ["Upcoming", "Running", "Ended"],
    period: "Dates",
    stage: "State",
    views: "Views",
    reach: "Reach",
    reach_hint: "Views of the pages during the campaign, counted on our own server: no cookies, no third-party tools, nothing about the readers. Events: downloads of their calendar file. The last minute's views may not show yet.",
    campaign_page: "Campaign page",
    by_day: "Views day by day",
    day: "Day",
    item: "Page",
    kind: "Kind",
    total: "Total",
    no_views: "No views during the campaign yet.",
    schedule: "Schedule",
    within: "Part of the campaign",
    eyebrow: "Campaign",
    problems: [
        "Another campaign has this address already.",
        "Each line is a date YYYY-MM-DD, a space and a label (at most 120 characters).",
        "A milestone's date falls outside the campaign's dates.",
        "At most 20 milestones.",
        "At most 50 pages of each kind.",
    ],
    done: ["Campaign saved.", "Changes saved.", "Campaign deleted."],
};

const UK: CampaignTexts = CampaignTexts {
    privacy_section: ("Підрахунок відвідувань", "Ми рахуємо, скільки разів відкривали сторінки консультацій, новин, кампаній і файли подій, окремо для кожної сторінки й дня. Для цього ми не використовуємо файлів cookie чи сторонніх інструментів і не зберігаємо нічого про людину, яка відкрила сторінку: ні IP-адреси, ні браузера."),
    editorial_title: "Кампанії: редакція",
    lead: "Кампанія об'єднує консультації, новини й події з календаря за одним графіком. Її охоплення — це перегляди цих сторінок, пораховані на нашому сервері.",
    none: "Поки що немає жодної кампанії.",
    new_campaign: "Нова кампанія",
    edit_campaign: "Редагування кампанії",
    campaign_title: "Назва кампанії",
    slug: "Адреса кампанії",
    slug_hint: "Малі латинські літери, цифри й дефіси; залиште порожнім, і адреса утвориться з назви.",
    summary: "Опис",
    summary_hint: "Одне-два речення: про що йдеться і що можуть зробити мешканці.",
    span: "Тривалість",
    starts_on: "Перший день",
    ends_on: "Останній день",
    date_hint: "Дата у форматі РРРР-ММ-ДД.",
    milestones: "Ключові етапи",
    milestones_hint: "Кожен в окремому рядку: дата РРРР-ММ-ДД, пробіл і опис, наприклад «2027-06-01 Початок голосування». Дати в межах кампанії.",
    items: "Що охоплює кампанія",
    items_hint: "Позначте сторінки, які просуває кампанія. Їхні перегляди під час кампанії — це її охоплення.",
    kinds: ["Консультації", "Новини", "Події з календаря"],
    none_available: "Немає з чого вибрати.",
    save: "Зберегти кампанію",
    delete: "Видалити кампанію",
    public_page: "Переглянути сторінку кампанії",
    stages: ["Запланована", "Триває", "Завершена"],
    period: "Терміни",
    stage: "Стан",
    views: "Перегляди",
    reach: "Охоплення",
    reach_hint: "Перегляди сторінок під час кампанії, пораховані на нашому сервері: без файлів cookie, без сторонніх інструментів, без даних про читачів. Події: завантаження файлу календаря. Перегляди останньої хвилини можуть ще не відображатися.",
    campaign_page: "Сторінка кампанії",
    by_day: "Перегляди по днях",
    day: "День",
    item: "Сторінка",
    kind: "Вид",
    total: "Разом",
    no_views: "Під час кампанії ще не було переглядів.",
    schedule: "Графік",
    within: "У межах кампанії",
    eyebrow: "Кампанія",
    problems: [
        "Інша кампанія вже має цю адресу.",
        "Кожен рядок — це дата РРРР-ММ-ДД, пробіл і опис (щонайбільше 120 символів).",
        "Дата етапу виходить за межі тривалості кампанії.",
        "Щонайбільше 20 етапів.",
        "Щонайбільше 50 сторінок кожного виду.",
    ],
    done: ["Кампанію збережено.", "Зміни збережено.", "Кампанію видалено."],
};

impl Locale {
    pub fn campaigns(self) -> &'static CampaignTexts {
        match self {
            Locale::Pl => &PL,
            Locale::En => &EN,
            Locale::Uk => &UK,
        }
    }

    pub fn campaign_code(self, code: &str) -> Option<&'static str> {
        PROBLEM_CODES.iter().position(|c| *c == code).map(|i| self.campaigns().problems[i])
    }

    pub fn campaign_done(self, code: &str) -> Option<&'static str> {
        DONE_CODES.iter().position(|c| *c == code).map(|i| self.campaigns().done[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_campaign_codes_have_sentences_in_every_language() {
        for locale in Locale::ALL {
            for code in PROBLEM_CODES {
                assert_ne!(locale.problem(code), locale.accounts().problem_generic, "{code}");
            }
            for code in DONE_CODES {
                assert!(locale.done(code).is_some(), "{code}");
            }
        }
    }
}

//! News and announcements (`/news`), the site-wide banner, and DK-06's news editor.

use super::Locale;

pub struct NewsTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub feed: &'static str,
    pub none: &'static str,
    pub pages: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub published: &'static str,
    pub updated: &'static str,
    pub concerns: &'static str,
    pub banner_label: &'static str,
    pub read_more: &'static str,
    pub editorial_nav: &'static str,
    pub editorial_title: &'static str,
    pub new_post: &'static str,
    pub edit_post: &'static str,
    pub post_title: &'static str,
    pub state: &'static str,
    pub draft: &'static str,
    pub scheduled: &'static str,
    pub banner: &'static str,
    pub banner_until_short: &'static str,
    pub public_page: &'static str,
    pub slug: &'static str,
    pub slug_hint: &'static str,
    pub lead_label: &'static str,
    pub lead_hint: &'static str,
    pub body: &'static str,
    pub body_hint: &'static str,
    pub preview: &'static str,
    pub publication: &'static str,
    pub publish_at: &'static str,
    pub publish_at_hint: &'static str,
    pub banner_hint: &'static str,
    pub banner_text: &'static str,
    pub banner_until: &'static str,
    pub consultation: &'static str,
    pub budget_year: &'static str,
    pub district: &'static str,
    pub none_chosen: &'static str,
    pub save: &'static str,
    pub show_preview: &'static str,
    pub delete: &'static str,
    /// Problems, in the order of [`PROBLEM_CODES`].
    pub problems: [&'static str; 1],
    /// Notices, in the order of [`DONE_CODES`].
    pub done: [&'static str; 3],
}

const PROBLEM_CODES: [&str; 1] = ["news_slug_taken"];
const DONE_CODES: [&str; 3] = ["news_created", "news_saved", "news_deleted"];

const PL: NewsTexts = NewsTexts {
    title: "Aktualności",
    lead: "Ogłoszenia o konsultacjach, budżecie obywatelskim i spotkaniach z mieszkańcami.",
    feed: "Aktualności w czytniku (Atom)",
    none: "Nie ma jeszcze żadnych wpisów.",
    pages: "Strony aktualności",
    newer: "Nowsze wpisy",
    older: "Starsze wpisy",
    published: "Opublikowano",
    updated: "zmieniono",
    concerns: "Dotyczy",
    banner_label: "Ważny komunikat",
    read_more: "Więcej o tym",
    editorial_nav: "Strony redakcji",
    editorial_title: "Aktualności: redakcja",
    new_post: "Nowy wpis",
    edit_post: "Edycja wpisu",
    post_title: "Tytuł",
    state: "Stan",
    draft: "Szkic",
    scheduled: "Zaplanowany na",
    banner: "Baner na całej stronie",
    banner_until_short: "do",
    public_page: "Zobacz wpis na stronie",
    slug: "Adres wpisu",
    slug_hint: "Małe litery, cyfry i łączniki; zostaw puste, a powstanie z tytułu.",
    lead_label: "Zapowiedź",
    lead_hint: "Jedno lub dwa zdania na liście wpisów i przy udostępnianiu.",
    body: "Treść",
    body_hint: "Markdown: nagłówki ##, listy, linki. Pisz krótkimi zdaniami.",
    preview: "Podgląd treści",
    publication: "Publikacja",
    publish_at: "Data publikacji",
    publish_at_hint: "Czas warszawski. Zostaw puste, a wpis pozostanie szkicem; data w przyszłości opublikuje go sama.",
    banner_hint:
        "Krótki komunikat nad każdą stroną serwisu, na przykład o końcu głosowania. Baner zawsze ma datę końca.",
    banner_text: "Tekst banera",
    banner_until: "Baner widoczny do",
    consultation: "Konsultacje",
    budget_year: "Edycja budżetu obywatelskiego",
    district: "Dzielnica",
    none_chosen: "Żadne",
    save: "Zapisz",
    show_preview: "Pokaż podgląd",
    delete: "Usuń wpis",
    problems: ["Inny wpis ma już ten adres."],
    done: ["Wpis zapisany.", "Zmiany zapisane.", "Wpis usunięty."],
};

const EN: NewsTexts = NewsTexts {
    title: "News",
    lead: "Announcements about consultations, the civic budget and meetings with residents.",
    feed: "News in a feed reader (Atom)",
    none: "There are no posts yet.",
    pages: "Pages of news",
    newer: "Newer posts",
    older: "Older posts",
    published: "Published",
    updated: "changed",
    concerns: "Concerns",
    banner_label: "Important notice",
    read_more: "More about this",
    editorial_nav: "Editors' pages",
    editorial_title: "News: editors",
    new_post: "New post",
    edit_post: "Edit post",
    post_title: "Title",
    state: "State",
    draft: "Draft",
    scheduled: "Scheduled for",
    banner: "Site-wide banner",
    banner_until_short: "until",
    public_page: "See the post on the site",
    slug: "Post address",
    slug_hint: "Lower-case letters, digits and hyphens; leave empty to make it from the title.",
    lead_label: "Lead",
    lead_hint: "One or two sentences shown in the list of posts and when shared.",
    body: "Text",
    body_hint: "Markdown: ## headings, lists, links. Write short sentences.",
    preview: "Preview of the text",
    publication: "Publication",
    publish_at: "Publication date",
    publish_at_hint: "Warsaw time. Leave empty to keep the post a draft; a future date publishes it by itself.",
    banner_hint:
        "A short notice above every page of the site, such as the end of voting. A banner always has an end date.",
    banner_text: "Banner text",
    banner_until: "Banner shown until",
    consultation: "Consultation",
    budget_year: "Civic budget edition",
    district: "District",
    none_chosen: "None",
    save: "Save",
    show_preview: "Show preview",
    delete: "Delete post",
    problems: ["Another post has this address already."],
    done: ["Post saved.", "Changes saved.", "Post deleted."],
};

const UK: NewsTexts = NewsTexts {
    title: "Новини",
    lead: "Оголошення про консультації, громадський бюджет і зустрічі з мешканцями.",
    feed: "Новини в програмі для читання стрічок (Atom)",
    none: "Поки що немає жодного допису.",
    pages: "Сторінки новин",
    newer: "Новіші дописи",
    older: "Старіші дописи",
    published: "Опубліковано",
    updated: "змінено",
    concerns: "Стосується",
    banner_label: "Важливе повідомлення",
    read_more: "Докладніше",
    editorial_nav: "Сторінки редакції",
    editorial_title: "Новини: редакція",
    new_post: "Новий допис",
    edit_post: "Редагування допису",
    post_title: "Заголовок",
    state: "Стан",
    draft: "Чернетка",
    scheduled: "Заплановано на",
    banner: "Банер на всьому сайті",
    banner_until_short: "до",
    public_page: "Переглянути допис на сайті",
    slug: "Адреса допису",
    slug_hint: "Малі латинські літери, цифри й дефіси; залиште порожнім, і адреса утвориться із заголовка.",
    lead_label: "Анонс",
    lead_hint: "Одне-два речення для списку дописів і для поширення.",
    body: "Текст",
    body_hint: "Markdown: заголовки ##, списки, посилання. Пишіть короткими реченнями.",
    preview: "Попередній перегляд тексту",
    publication: "Публікація",
    publish_at: "Дата публікації",
    publish_at_hint: "Варшавський час. Залиште порожнім, і допис залишиться чернеткою; майбутня дата опублікує його сама.",
    banner_hint: "Коротке повідомлення над кожною сторінкою сайту, наприклад про завершення голосування. Банер завжди має дату завершення.",
    banner_text: "Текст банера",
    banner_until: "Банер видно до",
    consultation: "Консультації",
    budget_year: "Випуск громадського бюджету",
    district: "Район",
    none_chosen: "Жодне",
    save: "Зберегти",
    show_preview: "Показати попередній перегляд",
    delete: "Видалити допис",
    problems: ["Інший допис уже має цю адресу."],
    done: ["Допис збережено.", "Зміни збережено.", "Допис видалено."],
};

impl Locale {
    pub fn news(self) -> &'static NewsTexts {
        match self {
            Locale::Pl => &PL,
            Locale::En => &EN,
            Locale::Uk => &UK,
        }
    }

    /// The news's message for a problem code, if it is one of the news's.
    pub fn news_code(self, code: &str) -> Option<&'static str> {
        PROBLEM_CODES.iter().position(|c| *c == code).map(|i| self.news().problems[i])
    }

    pub fn news_done(self, code: &str) -> Option<&'static str> {
        DONE_CODES.iter().position(|c| *c == code).map(|i| self.news().done[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_news_codes_have_sentences_in_every_language() {
        for locale in Locale::ALL {
            assert_ne!(locale.problem("news_slug_taken"), locale.accounts().problem_generic);
            for code in DONE_CODES {
                assert!(locale.done(code).is_some(), "{code}");
            }
        }
    }
}

//! The readability hint of the editors' text fields, and the easy-to-read version of a
//! consultation on its public page.

use super::Locale;
use crate::domain::readability::Level;

pub struct ReadabilityTexts {
    pub heading: &'static str,
    pub levels: [&'static str; 4],
    /// `{sentences}`, `{words}`, `{hard}`, `{fog}`, `{pisarek}`.
    pub figures: &'static str,
    /// `{n}` sentences longer than 25 words.
    pub long_sentences: &'static str,
    pub many_hard_words: &'static str,
    pub fine: &'static str,
    pub easy_read_label: &'static str,
    pub easy_read_hint: &'static str,
    pub easy_read_preview: &'static str,
    pub easy_read_heading: &'static str,
    pub easy_read_link: &'static str,
    pub full_text_link: &'static str,
}

const PL: ReadabilityTexts = ReadabilityTexts {
    heading: "Czytelność tekstu",
    levels: [
        "łatwy (szkoła podstawowa)",
        "średnio trudny (szkoła średnia)",
        "trudny (studia)",
        "bardzo trudny (tekst specjalistyczny)",
    ],
    figures: "Zdania: {sentences}, średnio {words} słów w zdaniu; trudne słowa (4 sylaby i więcej): {hard}%. FOG-PL: {fog}, wskaźnik Pisarka: {pisarek}.",
    long_sentences: "Zdania dłuższe niż 25 słów: {n}. Podziel je na krótsze.",
    many_hard_words: "Dużo długich słów: tam, gdzie się da, użyj krótszych i bardziej znanych.",
    fine: "Tak trzymaj: krótkie zdania i proste słowa.",
    easy_read_label: "Tekst łatwy do czytania (nieobowiązkowy)",
    easy_read_hint: "Krótka wersja dla osób, którym trudno czytać długie teksty: jedna myśl w zdaniu, proste słowa, bez skrótów. Markdown jak w opisie.",
    easy_read_preview: "Podgląd tekstu łatwego do czytania",
    easy_read_heading: "Tekst łatwy do czytania",
    easy_read_link: "Przeczytaj tekst łatwy do czytania",
    full_text_link: "Przejdź do pełnego tekstu",
};

const EN: ReadabilityTexts = ReadabilityTexts {
    heading: "Readability",
    levels: ["easy (primary school)", "fairly hard (secondary school)", "hard (university)", "very hard (specialist)"],
    figures: "Sentences: {sentences}, {words} words a sentence on average; hard words (4 syllables or more): {hard}%. FOG-PL: {fog}, Pisarek's index: {pisarek}.",
    long_sentences: "Sentences over 25 words: {n}. Split them into shorter ones.",
    many_hard_words: "Many long words: where you can, use shorter and better-known ones.",
    fine: "Keep it up: short sentences and plain words.",
    easy_read_label: "Easy-to-read text (optional)",
    easy_read_hint: "A short version for people who find long texts hard to read: one idea a sentence, plain words, no abbreviations. Markdown as in the description.",
    easy_read_preview: "Preview of the easy-to-read text",
    easy_read_heading: "Easy-to-read text",
    easy_read_link: "Read the easy-to-read text",
    full_text_link: "Go to the full text",
};

const UK: ReadabilityTexts = ReadabilityTexts {
    heading: "Зрозумілість тексту",
    levels: ["легкий (початкова школа)", "середньої складності (середня школа)", "складний (університет)", "дуже складний (фаховий текст)"],
    figures: "Речень: {sentences}, у середньому {words} слів у реченні; складні слова (4 склади й більше): {hard}%. FOG-PL: {fog}, індекс Пісарека: {pisarek}.",
    long_sentences: "Речень, довших за 25 слів: {n}. Розділіть їх на коротші.",
    many_hard_words: "Багато довгих слів: де можливо, використайте коротші й відоміші.",
    fine: "Так тримати: короткі речення і прості слова.",
    easy_read_label: "Текст, легкий для читання (необов'язково)",
    easy_read_hint: "Коротка версія для людей, яким важко читати довгі тексти: одна думка в реченні, прості слова, без скорочень. Markdown, як в описі.",
    easy_read_preview: "Попередній перегляд тексту, легкого для читання",
    easy_read_heading: "Текст, легкий для читання",
    easy_read_link: "Прочитати текст, легкий для читання",
    full_text_link: "Перейти до повного тексту",
};

impl Locale {
    pub fn readability(self) -> &'static ReadabilityTexts {
        match self {
            Locale::Pl => &PL,
            Locale::En => &EN,
            Locale::Uk => &UK,
        }
    }

    pub fn readability_level(self, level: Level) -> &'static str {
        let t = self.readability();
        match level {
            Level::Easy => t.levels[0],
            Level::Medium => t.levels[1],
            Level::Hard => t.levels[2],
            Level::VeryHard => t.levels[3],
        }
    }

    /// A figure with one decimal, written as the language writes it ("9,4" in Polish).
    pub fn decimal(self, value: f64) -> String {
        let text = format!("{value:.1}");
        match self {
            Locale::En => text,
            Locale::Pl | Locale::Uk => text.replace('.', ","),
        }
    }
}

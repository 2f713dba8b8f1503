//! The messages of uploads (pictures and documents), in the order of [`CODES`].
//! The sizes named are the default limits.

use super::Locale;

/// Problem codes of an upload (`server::media::Refusal::code`).
pub const CODES: [&str; 9] = [
    "upload_empty",
    "upload_too_large",
    "upload_type",
    "upload_damaged",
    "upload_too_many_pixels",
    "upload_missing",
    "alt_required",
    "alt_too_long",
    "media_not_editable",
];

const PL: [&str; 9] = [
    "Plik jest pusty (0 bajtów). Wybierz go jeszcze raz.",
    "Plik jest za duży: zdjęcie może mieć najwyżej 15 MB, dokument 25 MB.",
    "Tego rodzaju pliku nie przyjmujemy. Dodaj zdjęcie JPEG, PNG lub WebP albo dokument PDF.",
    "Nie udało się odczytać zdjęcia: plik jest uszkodzony albo niepełny.",
    "Zdjęcie jest za duże: może mieć najwyżej 12 000 pikseli szerokości i wysokości.",
    "Wybierz plik do dodania.",
    "Opisz, co przedstawia zdjęcie (tekst alternatywny po polsku), dla osób, które go nie widzą.",
    "Tekst alternatywny może mieć najwyżej 250 znaków; dłuższy opis umieść w treści.",
    "Tych plików nie można już zmieniać.",
];

const EN: [&str; 9] = [
    "The file is empty (0 bytes). Choose it again.",
    "The file is too large: a picture may have at most 15 MB, a document 25 MB.",
    "We do not accept this kind of file. Add a JPEG, PNG or WebP picture or a PDF document.",
    "The picture could not be read: the file is damaged or incomplete.",
    "The picture is too large: it may be at most 12,000 pixels wide and high.",
    "Choose a file to add.",
    "Describe what the picture shows (alternative text in Polish) for people who cannot see it.",
    "Alternative text may have at most 250 characters; put a longer description in the text.",
    "These files can no longer be changed.",
];

const UK: [&str; 9] = [
    "Файл порожній (0 байтів). Виберіть його ще раз.",
    "Файл завеликий: фото може мати щонайбільше 15 МБ, документ — 25 МБ.",
    "Такий тип файлу не приймається. Додайте фото JPEG, PNG або WebP чи документ PDF.",
    "Не вдалося прочитати фото: файл пошкоджений або неповний.",
    "Фото завелике: щонайбільше 12 000 пікселів завширшки та заввишки.",
    "Виберіть файл, який потрібно додати.",
    "Опишіть, що зображено на фото (альтернативний текст польською), для людей, які його не бачать.",
    "Альтернативний текст може мати щонайбільше 250 символів; довший опис додайте до тексту.",
    "Ці файли вже не можна змінювати.",
];

/// The labels of pictures, documents and their upload form.
pub struct MediaTexts {
    pub section_title: &'static str,
    pub section_lead: &'static str,
    pub documents_title: &'static str,
    pub file_label: &'static str,
    pub file_hint: &'static str,
    pub kept_file: &'static str,
    pub alt_pl_label: &'static str,
    pub alt_pl_hint: &'static str,
    pub alt_en_label: &'static str,
    pub alt_uk_label: &'static str,
    pub optional: &'static str,
    pub add: &'static str,
    pub remove: &'static str,
    pub nothing_yet: &'static str,
    pub picture: &'static str,
    pub document: &'static str,
    pub alt_shown: &'static str,
    pub done_added: &'static str,
    pub done_removed: &'static str,
    pub scan_label: &'static str,
    pub scan_hint: &'static str,
    /// The text alternative of a letter's scan, before the sender's name.
    pub scan_alt: &'static str,
    pub scan_link: &'static str,
}

const TEXTS_PL: MediaTexts = MediaTexts {
    section_title: "Zdjęcia i dokumenty",
    section_lead: "Zdjęcia pokazujemy w kilku rozmiarach, bez danych o miejscu wykonania. Dokumenty można pobrać.",
    documents_title: "Dokumenty do pobrania",
    file_label: "Plik",
    file_hint: "Zdjęcie JPEG, PNG lub WebP (do 15 MB) albo dokument PDF (do 25 MB).",
    kept_file: "Plik jest już przesłany, nie trzeba go wybierać ponownie:",
    alt_pl_label: "Tekst alternatywny po polsku",
    alt_pl_hint: "Wymagany dla zdjęcia: krótko, co widać (np. „Zniszczony chodnik przy ul. Długiej”).",
    alt_en_label: "Tekst alternatywny po angielsku",
    alt_uk_label: "Tekst alternatywny po ukraińsku",
    optional: "(nieobowiązkowy)",
    add: "Dodaj plik",
    remove: "Usuń",
    nothing_yet: "Nie dodano jeszcze plików.",
    picture: "Zdjęcie",
    document: "Dokument",
    alt_shown: "Tekst alternatywny:",
    done_added: "Plik dodany.",
    done_removed: "Plik usunięty.",
    scan_label: "Skan pisma (nieobowiązkowy)",
    scan_hint: "PDF lub zdjęcie pisma, do 25 MB. Widzą go tylko pracownicy DK-04: są na nim dane nadawcy.",
    scan_alt: "Skan pisma, którego treść przepisano obok; nadawca:",
    scan_link: "Skan pisma",
};

const TEXTS_EN: MediaTexts = MediaTexts {
    section_title: "Pictures and documents",
    section_lead:
        "Pictures are shown in several sizes, without the data of where they were taken. Documents can be downloaded.",
    documents_title: "Documents to download",
    file_label: "File",
    file_hint: "A JPEG, PNG or WebP picture (up to 15 MB) or a PDF document (up to 25 MB).",
    kept_file: "The file is already uploaded; there is no need to choose it again:",
    alt_pl_label: "Alternative text in Polish",
    alt_pl_hint: "Required for a picture: briefly, what it shows (e.g. “Broken pavement on Długa Street”).",
    alt_en_label: "Alternative text in English",
    alt_uk_label: "Alternative text in Ukrainian",
    optional: "(optional)",
    add: "Add the file",
    remove: "Remove",
    nothing_yet: "No files added yet.",
    picture: "Picture",
    document: "Document",
    alt_shown: "Alternative text:",
    done_added: "File added.",
    done_removed: "File removed.",
    scan_label: "Scan of the letter (optional)",
    scan_hint:
        "A PDF or a picture of the letter, up to 25 MB. Only DK-04 staff see it: it carries the sender's details.",
    scan_alt: "Scan of the letter whose text is transcribed beside it; sender:",
    scan_link: "Scan of the letter",
};

const TEXTS_UK: MediaTexts = MediaTexts {
    section_title: "Фото та документи",
    section_lead: "Фото показуємо в кількох розмірах, без даних про місце зйомки. Документи можна завантажити.",
    documents_title: "Документи для завантаження",
    file_label: "Файл",
    file_hint: "Фото JPEG, PNG або WebP (до 15 МБ) чи документ PDF (до 25 МБ).",
    kept_file: "Файл уже завантажено, вибирати його знову не потрібно:",
    alt_pl_label: "Альтернативний текст польською",
    alt_pl_hint: "Обов'язковий для фото: коротко, що на ньому видно (напр. «Зруйнований тротуар на вул. Довгій»).",
    alt_en_label: "Альтернативний текст англійською",
    alt_uk_label: "Альтернативний текст українською",
    optional: "(необов'язковий)",
    add: "Додати файл",
    remove: "Видалити",
    nothing_yet: "Файли ще не додано.",
    picture: "Фото",
    document: "Документ",
    alt_shown: "Альтернативний текст:",
    done_added: "Файл додано.",
    done_removed: "Файл видалено.",
    scan_label: "Скан листа (необов'язковий)",
    scan_hint: "PDF або фото листа, до 25 МБ. Його бачать лише працівники DK-04: на ньому дані відправника.",
    scan_alt: "Скан листа, текст якого переписано поруч; відправник:",
    scan_link: "Скан листа",
};

impl Locale {
    pub fn media(self) -> &'static MediaTexts {
        match self {
            Locale::Pl => &TEXTS_PL,
            Locale::En => &TEXTS_EN,
            Locale::Uk => &TEXTS_UK,
        }
    }

    /// The notice after adding or removing a file.
    pub fn media_done(self, code: &str) -> Option<&'static str> {
        match code {
            "media_added" => Some(self.media().done_added),
            "media_removed" => Some(self.media().done_removed),
            _ => None,
        }
    }

    /// An upload's message for a problem code, if it is one of the uploads'.
    pub fn media_code(self, code: &str) -> Option<&'static str> {
        let texts = match self {
            Locale::Pl => &PL,
            Locale::En => &EN,
            Locale::Uk => &UK,
        };
        CODES.iter().position(|c| *c == code).map(|i| texts[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_upload_problem_is_said_in_every_language() {
        for locale in [Locale::Pl, Locale::En, Locale::Uk] {
            for code in CODES {
                let message = locale.problem(code);
                assert_eq!(Some(message), locale.media_code(code));
                assert_ne!(message, locale.problem("generic"), "{code}");
            }
        }
        assert_eq!(Locale::Pl.media_code("vote_already"), None);
    }
}

//! The messages of uploads (pictures and documents), in the order of [`CODES`].
//! The sizes named are the default limits.

use super::Locale;

/// Problem codes of an upload (`server::media::Refusal::code`).
pub const CODES: [&str; 5] =
    ["upload_empty", "upload_too_large", "upload_type", "upload_damaged", "upload_too_many_pixels"];

const PL: [&str; 5] = [
    "Plik jest pusty (0 bajtów). Wybierz go jeszcze raz.",
    "Plik jest za duży: zdjęcie może mieć najwyżej 15 MB, dokument 25 MB.",
    "Tego rodzaju pliku nie przyjmujemy. Dodaj zdjęcie JPEG, PNG lub WebP albo dokument PDF.",
    "Nie udało się odczytać zdjęcia: plik jest uszkodzony albo niepełny.",
    "Zdjęcie jest za duże: może mieć najwyżej 12 000 pikseli szerokości i wysokości.",
];

const EN: [&str; 5] = [
    "The file is empty (0 bytes). Choose it again.",
    "The file is too large: a picture may have at most 15 MB, a document 25 MB.",
    "We do not accept this kind of file. Add a JPEG, PNG or WebP picture or a PDF document.",
    "The picture could not be read: the file is damaged or incomplete.",
    "The picture is too large: it may be at most 12,000 pixels wide and high.",
];

const UK: [&str; 5] = [
    "Файл порожній (0 байтів). Виберіть його ще раз.",
    "Файл завеликий: фото може мати щонайбільше 15 МБ, документ — 25 МБ.",
    "Такий тип файлу не приймається. Додайте фото JPEG, PNG або WebP чи документ PDF.",
    "Не вдалося прочитати фото: файл пошкоджений або неповний.",
    "Фото завелике: щонайбільше 12 000 пікселів завширшки та заввишки.",
];

impl Locale {
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

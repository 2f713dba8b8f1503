//! How hard a Polish text is to read, for the hint editors see while writing.
//!
//! Two measures used for Polish public texts (the Jasnopis project of SWPS University
//! and Wrocław University of Technology works with both):
//! - **FOG-PL**: Gunning's fog index adapted to Polish, 0.4 × (words per sentence +
//!   100 × the share of hard words), where a hard word has **four or more syllables**
//!   (Polish words are longer than English ones, hence four rather than three). The
//!   value reads as years of schooling: up to 9 primary school, 10–12 secondary
//!   school, 13–15 a degree, 16 and more specialist.
//! - **Pisarek's index** (1969), the non-linear form: ½ · √(words per sentence² +
//!   hard-word percentage²), on the same scale.
//!
//! Syllables are counted as vowel groups (a, ą, e, ę, i, o, ó, u, y), where an "i"
//! before another vowel only softens the consonant ("nie", "dzieci") and so is not a
//! syllable of its own. That is the rule of thumb of Polish spelling; its rare
//! exceptions ("nauka" counted as two) do not move an index for a whole text.

use serde::{Deserialize, Serialize};

/// A sentence longer than this many words is pointed out to the editor.
pub const LONG_SENTENCE_WORDS: usize = 25;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Readability {
    pub sentences: usize,
    pub words: usize,
    /// Words of four or more syllables.
    pub hard_words: usize,
    /// Sentences longer than [`LONG_SENTENCE_WORDS`] words.
    pub long_sentences: usize,
}

/// How hard the text is, by FOG-PL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// Up to 9: primary school.
    Easy,
    /// 10–12: secondary school.
    Medium,
    /// 13–15: a degree.
    Hard,
    /// 16 and more: specialist.
    VeryHard,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'ą' | 'e' | 'ę' | 'i' | 'o' | 'ó' | 'u' | 'y')
}

/// Syllables of one Polish word (at least one for a word with letters).
pub fn syllables(word: &str) -> usize {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    let mut count = 0;
    let mut previous_vowel = false;
    for (i, c) in letters.iter().enumerate() {
        let vowel = is_vowel(*c);
        // "i" before a vowel softens the consonant before it: "nie", "siedem".
        let softening = *c == 'i' && i > 0 && letters.get(i + 1).is_some_and(|n| is_vowel(*n));
        if vowel && !previous_vowel && !softening {
            count += 1;
        }
        previous_vowel = vowel && !softening;
    }
    if count == 0 && !letters.is_empty() {
        1
    } else {
        count
    }
}

/// Measures plain text (markup already removed).
pub fn measure(text: &str) -> Readability {
    let mut r = Readability::default();
    let mut in_sentence = 0usize;
    let end_sentence = |words_in_it: &mut usize, r: &mut Readability| {
        if *words_in_it > 0 {
            r.sentences += 1;
            if *words_in_it > LONG_SENTENCE_WORDS {
                r.long_sentences += 1;
            }
        }
        *words_in_it = 0;
    };
    for token in text.split_whitespace() {
        let word: String = token.chars().filter(|c| c.is_alphanumeric()).collect();
        if word.chars().any(char::is_alphabetic) {
            r.words += 1;
            in_sentence += 1;
            if syllables(&word) >= 4 {
                r.hard_words += 1;
            }
        }
        // A full stop after a number or a one-letter abbreviation ("art. 5", "ust. 2")
        // is common in acts; a sentence ends at . ! ? … or ; followed by a space.
        let ends = token.ends_with(['!', '?', '…']) || (token.ends_with('.') && !is_abbreviation(token));
        if ends {
            end_sentence(&mut in_sentence, &mut r);
        }
    }
    end_sentence(&mut in_sentence, &mut r);
    r
}

/// Abbreviations that end with a full stop inside a Polish sentence.
fn is_abbreviation(token: &str) -> bool {
    const KNOWN: [&str; 16] = [
        "art.", "ust.", "pkt.", "lit.", "np.", "m.in.", "tj.", "tzn.", "ul.", "al.", "os.", "pl.", "nr.", "godz.",
        "r.", "dz.u.",
    ];
    let lower = token.to_lowercase();
    KNOWN.contains(&lower.as_str()) || lower.trim_end_matches('.').chars().all(|c| c.is_ascii_digit())
}

impl Readability {
    pub fn words_per_sentence(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            self.words as f64 / self.sentences as f64
        }
    }

    /// The share of hard words, in percent.
    pub fn hard_percent(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            100.0 * self.hard_words as f64 / self.words as f64
        }
    }

    pub fn fog_pl(&self) -> f64 {
        0.4 * (self.words_per_sentence() + self.hard_percent())
    }

    pub fn pisarek(&self) -> f64 {
        0.5 * (self.words_per_sentence().powi(2) + self.hard_percent().powi(2)).sqrt()
    }

    pub fn level(&self) -> Level {
        match self.fog_pl().round() as i64 {
            i64::MIN..=9 => Level::Easy,
            10..=12 => Level::Medium,
            13..=15 => Level::Hard,
            _ => Level::VeryHard,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_vowel_groups_and_a_softening_i_is_not_one() {
        for (word, expected) in [
            ("dom", 1),
            ("nie", 1),
            ("dzieci", 2),
            ("Kraków", 2),
            ("konsultacje", 4),
            ("partycypacyjny", 6),
            ("mieszkańców", 3),
            ("społecznych", 3),
            ("uwaga", 3),
            ("zagospodarowania", 7),
            ("w", 1),
        ] {
            assert_eq!(syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn sentences_end_at_their_marks_but_not_at_abbreviations_or_numbers() {
        let r = measure("Zapraszamy na spotkanie. Odbędzie się w sali nr 2, ul. Długa 5! Czy przyjdziesz?");
        assert_eq!(r.sentences, 3);
        let act = measure("Zgodnie z art. 5 ust. 2 uchwały z 2026 r. rada ustala zasady.");
        assert_eq!(act.sentences, 1);
        assert_eq!(measure("").sentences, 0);
        assert_eq!(measure("Bez kropki na końcu").sentences, 1);
    }

    #[test]
    fn plain_writing_scores_easy_and_officialese_scores_hard() {
        let plain = measure(
            "Miasto chce posadzić drzewa na placu. Napisz, które miejsce lubisz. \
             Możesz też przyjść na spotkanie. Czekamy na twoje uwagi do końca maja.",
        );
        assert_eq!(plain.level(), Level::Easy, "{:.1}", plain.fog_pl());
        let official = measure(
            "W związku z koniecznością przeprowadzenia konsultacji społecznych dotyczących \
             zagospodarowania przestrzennego obszaru położonego w granicach administracyjnych \
             dzielnicy uprzejmie informujemy o możliwości zgłaszania uwag i wniosków \
             za pośrednictwem elektronicznego formularza konsultacyjnego udostępnionego \
             na platformie partycypacyjnej miasta.",
        );
        assert!(matches!(official.level(), Level::Hard | Level::VeryHard), "{:.1}", official.fog_pl());
        assert_eq!(official.long_sentences, 1);
        assert!(official.pisarek() > plain.pisarek());
    }

    #[test]
    fn the_indexes_follow_their_formulas() {
        let r = Readability { sentences: 2, words: 20, hard_words: 4, long_sentences: 0 };
        assert!((r.fog_pl() - 0.4 * (10.0 + 20.0)).abs() < 1e-9);
        assert!((r.pisarek() - 0.5 * (100.0f64 + 400.0).sqrt()).abs() < 1e-9);
        assert_eq!(Readability::default().fog_pl(), 0.0);
    }
}

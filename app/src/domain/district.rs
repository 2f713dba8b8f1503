//! The 18 districts of Kraków ("dzielnice"), numbered as the city numbers them.
//! Source: shared domain data `districts.csv`; the list is fixed by the city's statute.

use serde::{Deserialize, Serialize};

/// One of Kraków's 18 districts, by its official number (I–XVIII).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct District(u8);

const NAMES: [(&str, &str); 18] = [
    ("I", "Stare Miasto"),
    ("II", "Grzegórzki"),
    ("III", "Prądnik Czerwony"),
    ("IV", "Prądnik Biały"),
    ("V", "Krowodrza"),
    ("VI", "Bronowice"),
    ("VII", "Zwierzyniec"),
    ("VIII", "Dębniki"),
    ("IX", "Łagiewniki-Borek Fałęcki"),
    ("X", "Swoszowice"),
    ("XI", "Podgórze Duchackie"),
    ("XII", "Bieżanów-Prokocim"),
    ("XIII", "Podgórze"),
    ("XIV", "Czyżyny"),
    ("XV", "Mistrzejowice"),
    ("XVI", "Bieńczyce"),
    ("XVII", "Wzgórza Krzesławickie"),
    ("XVIII", "Nowa Huta"),
];

impl District {
    pub const COUNT: u8 = 18;

    /// A district from its number, 1 to 18.
    pub fn new(number: u8) -> Option<Self> {
        (1..=Self::COUNT).contains(&number).then_some(Self(number))
    }

    /// A district from text such as `"18"`; anything else is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        text.trim().parse::<u8>().ok().and_then(Self::new)
    }

    pub fn all() -> impl Iterator<Item = Self> {
        (1..=Self::COUNT).map(Self)
    }

    pub fn number(self) -> u8 {
        self.0
    }

    pub fn roman(self) -> &'static str {
        NAMES[usize::from(self.0 - 1)].0
    }

    /// The official name. District names are proper names: the same in every language.
    pub fn name(self) -> &'static str {
        NAMES[usize::from(self.0 - 1)].1
    }

    /// A district from its official name (as research data such as Pabulib writes it).
    pub fn by_name(name: &str) -> Option<Self> {
        let name = name.trim();
        Self::all().find(|d| d.name() == name)
    }

    /// "XVIII Nowa Huta", as the city writes it.
    pub fn label(self) -> String {
        format!("{} {}", self.roman(), self.name())
    }
}

/// Where a consultation applies: the whole city, or some districts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Area {
    CityWide,
    Districts(Vec<District>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_eighteen_districts_numbered_one_to_eighteen() {
        let all: Vec<_> = District::all().map(District::number).collect();
        assert_eq!(all, (1..=18).collect::<Vec<_>>());
        assert_eq!(District::new(18).unwrap().label(), "XVIII Nowa Huta");
        assert_eq!(District::new(9).unwrap().name(), "Łagiewniki-Borek Fałęcki");
    }

    #[test]
    fn numbers_outside_the_city_are_not_districts() {
        assert_eq!(District::new(0), None);
        assert_eq!(District::new(19), None);
        assert_eq!(District::parse("abc"), None);
        assert_eq!(District::parse("-1"), None);
        assert_eq!(District::parse(" 7 "), District::new(7));
    }
}

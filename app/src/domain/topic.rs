//! Topics a consultation is filed under. The slugs are stable (they appear in URLs and
//! open data); their names live in `i18n`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Transport,
    Greenery,
    Planning,
    Culture,
    Education,
    Social,
    Sport,
    Safety,
    Governance,
}

impl Topic {
    pub const ALL: [Topic; 9] = [
        Topic::Transport,
        Topic::Greenery,
        Topic::Planning,
        Topic::Culture,
        Topic::Education,
        Topic::Social,
        Topic::Sport,
        Topic::Safety,
        Topic::Governance,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Topic::Transport => "transport",
            Topic::Greenery => "greenery",
            Topic::Planning => "planning",
            Topic::Culture => "culture",
            Topic::Education => "education",
            Topic::Social => "social",
            Topic::Sport => "sport",
            Topic::Safety => "safety",
            Topic::Governance => "governance",
        }
    }

    pub fn parse(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_parses_back_from_its_slug() {
        for topic in Topic::ALL {
            assert_eq!(Topic::parse(topic.slug()), Some(topic));
        }
    }

    #[test]
    fn an_unknown_slug_is_no_topic() {
        assert_eq!(Topic::parse("weather"), None);
        assert_eq!(Topic::parse(""), None);
    }
}

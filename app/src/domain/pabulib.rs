//! The Pabulib `.pb` format of participatory-budgeting research (pabulib.org): one pool
//! per file, `;`-separated, in three sections (`META`, `PROJECTS`, `VOTES`), each
//! starting with its name and a header row. Read by `import-pabulib` and `recount`,
//! written for the published anonymised ballots. Pure.

use super::initiative::Grosze;

/// One project row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    pub id: String,
    pub cost: Grosze,
    /// Ballots that include it, as published.
    pub votes: u64,
    /// Its points, as published.
    pub score: u64,
    pub name: String,
    pub category: String,
    /// Funded, as published.
    pub selected: bool,
}

/// One ballot: the projects, most preferred first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vote {
    pub voter_id: String,
    pub vote: Vec<String>,
    pub age: Option<u32>,
    pub sex: Option<String>,
    pub neighborhood: Option<String>,
}

/// One pool.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct File {
    pub meta: Vec<(String, String)>,
    pub projects: Vec<Project>,
    pub votes: Vec<Vote>,
}

/// Why a file could not be read: the line (1-based) and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// `602300`, `1656699.67` or `1656699,5` złoty as grosze, without floating point.
pub fn parse_money(text: &str) -> Option<Grosze> {
    let text = text.trim();
    let (whole, fraction) = match text.split_once(['.', ',']) {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 2 {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let grosze = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse::<i64>().ok()?,
    };
    whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(grosze)
}

/// Grosze as Pabulib writes money: whole złoty without decimals, else two decimals.
pub fn format_money(amount: Grosze) -> String {
    if amount % 100 == 0 {
        (amount / 100).to_string()
    } else {
        format!("{}.{:02}", amount / 100, amount % 100)
    }
}

impl File {
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The pool's budget in grosze.
    pub fn budget(&self) -> Option<Grosze> {
        self.meta("budget").and_then(parse_money)
    }

    pub fn parse(text: &str) -> Result<File, ParseError> {
        #[derive(PartialEq)]
        enum Section {
            None,
            Meta,
            Projects,
            Votes,
        }
        let mut file = File::default();
        let mut section = Section::None;
        let mut header: Vec<String> = Vec::new();
        let mut expect_header = false;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            let at = n + 1;
            let err = |message: String| ParseError { line: at, message };
            if line.trim().is_empty() {
                continue;
            }
            let next = match line.trim() {
                "META" => Some(Section::Meta),
                "PROJECTS" => Some(Section::Projects),
                "VOTES" => Some(Section::Votes),
                _ => None,
            };
            if let Some(next) = next {
                section = next;
                expect_header = true;
                continue;
            }
            let fields: Vec<&str> = line.split(';').collect();
            if expect_header {
                header = fields.iter().map(|f| f.trim().to_owned()).collect();
                expect_header = false;
                continue;
            }
            let column = |name: &str| -> Option<&str> {
                header.iter().position(|h| h == name).and_then(|i| fields.get(i)).map(|f| f.trim())
            };
            let number = |name: &str| -> Result<u64, ParseError> {
                column(name).unwrap_or("0").parse::<u64>().map_err(|_| err(format!("{name} is not a whole number")))
            };
            match section {
                Section::None => return Err(err("text before the META section".into())),
                Section::Meta => {
                    let (key, value) = line.split_once(';').ok_or_else(|| err("expected key;value".into()))?;
                    file.meta.push((key.trim().to_owned(), value.trim().to_owned()));
                }
                Section::Projects => {
                    let id =
                        column("project_id").filter(|id| !id.is_empty()).ok_or_else(|| err("no project_id".into()))?;
                    let cost =
                        column("cost").and_then(parse_money).ok_or_else(|| err("cost is not an amount".into()))?;
                    file.projects.push(Project {
                        id: id.to_owned(),
                        cost,
                        votes: number("votes")?,
                        score: number("score")?,
                        name: column("name").unwrap_or_default().to_owned(),
                        category: column("category").unwrap_or_default().to_owned(),
                        selected: column("selected") == Some("1"),
                    });
                }
                Section::Votes => {
                    let voter_id =
                        column("voter_id").filter(|v| !v.is_empty()).ok_or_else(|| err("no voter_id".into()))?;
                    let vote: Vec<String> = column("vote")
                        .unwrap_or_default()
                        .split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(str::to_owned)
                        .collect();
                    let text = |name: &str| column(name).filter(|v| !v.is_empty()).map(str::to_owned);
                    file.votes.push(Vote {
                        voter_id: voter_id.to_owned(),
                        vote,
                        age: column("age").and_then(|a| a.parse().ok()),
                        sex: text("sex"),
                        neighborhood: text("neighborhood"),
                    });
                }
            }
        }
        if file.meta.is_empty() {
            return Err(ParseError { line: 1, message: "no META section".into() });
        }
        for vote in &file.votes {
            if let Some(unknown) = vote.vote.iter().find(|id| !file.projects.iter().any(|p| &p.id == *id)) {
                return Err(ParseError {
                    line: 0,
                    message: format!("voter {} chose unknown project {unknown}", vote.voter_id),
                });
            }
        }
        Ok(file)
    }

    /// The file as text. Fields lose any `;` or line break they held (the format has no
    /// quoting), so what is written can always be read back.
    pub fn write(&self) -> String {
        let clean = |text: &str| text.replace([';', '\n', '\r'], " ");
        let mut out = String::from("META\nkey;value\n");
        for (k, v) in &self.meta {
            out.push_str(&format!("{};{}\n", clean(k), clean(v)));
        }
        out.push_str("PROJECTS\nproject_id;cost;votes;score;name;category;selected\n");
        for p in &self.projects {
            out.push_str(&format!(
                "{};{};{};{};{};{};{}\n",
                clean(&p.id),
                format_money(p.cost),
                p.votes,
                p.score,
                clean(&p.name),
                clean(&p.category),
                u8::from(p.selected)
            ));
        }
        let with_neighborhood = self.votes.iter().any(|v| v.neighborhood.is_some());
        out.push_str(if with_neighborhood {
            "VOTES\nvoter_id;vote;age;sex;neighborhood\n"
        } else {
            "VOTES\nvoter_id;vote;age;sex\n"
        });
        for v in &self.votes {
            let age = v.age.map(|a| a.to_string()).unwrap_or_default();
            let vote = v.vote.iter().map(|id| clean(id).replace(',', " ")).collect::<Vec<_>>().join(",");
            out.push_str(&format!("{};{};{};{}", clean(&v.voter_id), vote, age, clean(v.sex.as_deref().unwrap_or(""))));
            if with_neighborhood {
                out.push_str(&format!(";{}", clean(v.neighborhood.as_deref().unwrap_or(""))));
            }
            out.push('\n');
        }
        out
    }

    /// The canonical lines of the ballots (`voter_id;vote`, sorted), which the published
    /// digest of the ballot set covers.
    pub fn ballot_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> =
            self.votes.iter().map(|v| format!("{};{}", v.voter_id, v.vote.join(","))).collect();
        lines.sort_unstable();
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "META\nkey;value\ndescription;District PB\ninstance;2024\nbudget;1000.5\n\
        vote_type;ordinal\nPROJECTS\nproject_id;cost;votes;score;name;category;selected\n\
        P1;600;2;5;Park;environment;1\nP2;500;1;3;Ławki;infrastructure;0\n\
        VOTES\nvoter_id;vote;age;sex\n1;P1,P2;34;F\n2;P1;;M\n";

    #[test]
    fn a_file_is_read_and_written_back_the_same() {
        let file = File::parse(SAMPLE).unwrap();
        assert_eq!(file.meta("instance"), Some("2024"));
        assert_eq!(file.budget(), Some(100_050));
        assert_eq!(file.projects[1].name, "Ławki");
        assert_eq!(file.projects[0].cost, 60_000);
        assert!(file.projects[0].selected && !file.projects[1].selected);
        assert_eq!(file.votes[0].vote, ["P1", "P2"]);
        assert_eq!((file.votes[0].age, file.votes[1].age), (Some(34), None));
        let again = File::parse(&file.write()).unwrap();
        assert_eq!(again, file);
        assert_eq!(file.ballot_lines(), ["1;P1,P2", "2;P1"]);
    }

    #[test]
    fn money_without_floating_point() {
        assert_eq!(parse_money("1656699.67"), Some(165_669_967));
        assert_eq!(parse_money("602300"), Some(60_230_000));
        assert_eq!(parse_money("1,5"), Some(150));
        assert_eq!(parse_money("-5"), None);
        assert_eq!(parse_money("1.234"), None);
        assert_eq!(format_money(165_669_967), "1656699.67");
        assert_eq!(format_money(60_230_000), "602300");
        assert_eq!(format_money(150), "1.50");
    }

    #[test]
    fn broken_files_name_the_line() {
        let bad_cost = SAMPLE.replace("P2;500", "P2;abc");
        assert_eq!(File::parse(&bad_cost).unwrap_err().line, 10);
        let unknown = SAMPLE.replace("2;P1;;M", "2;P9;;M");
        assert!(File::parse(&unknown).unwrap_err().message.contains("P9"));
        assert!(File::parse("hello").is_err());
    }

    #[test]
    fn separators_in_names_cannot_break_the_file() {
        let mut file = File::parse(SAMPLE).unwrap();
        file.projects[0].name = "Park; ławki\ni stoły".into();
        let again = File::parse(&file.write()).unwrap();
        assert_eq!(again.projects[0].name, "Park  ławki i stoły");
    }
}

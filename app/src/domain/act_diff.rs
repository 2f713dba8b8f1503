//! The draft act against the adopted one, unit by unit: which provisions stayed, which
//! changed (and in which words), which were added or removed. Units are matched by their
//! anchor (`par-3-pkt-2`), the same key remarks are stored under, so the report can put
//! each change next to the remarks that were accepted for that unit. Pure.

use super::act::{anchor_order, split, units, Unit};
use serde::{Deserialize, Serialize};

/// The most word pairs a unit's comparison may weigh; a longer pair of texts is shown as
/// replaced whole rather than compared word by word (the comparison is quadratic).
const MAX_WORD_PAIRS: usize = 4_000_000;

/// A run of words in a changed unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Words {
    Same(String),
    Removed(String),
    Added(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Unchanged,
    /// The draft's text and the final text, as runs of words.
    Changed(Vec<Words>),
    Added,
    Removed,
}

/// One unit of either text, with what happened to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitDiff {
    pub anchor: String,
    pub label: String,
    /// The draft's text (empty for an added unit).
    pub draft: String,
    /// The final text (empty for a removed unit).
    pub final_text: String,
    pub change: Change,
}

/// Compares two acts given as markdown: the final act's units in order, each removed
/// draft unit just before the draft unit that followed it (or, at the end of the draft,
/// where its number places it among the added ones).
pub fn diff(draft_md: &str, final_md: &str) -> Vec<UnitDiff> {
    let (draft_blocks, final_blocks) = (split(draft_md), split(final_md));
    let draft_units = units(&draft_blocks);
    let final_units = units(&final_blocks);
    let kept = |anchor: &str| final_units.iter().any(|u| u.anchor == anchor);

    let mut out: Vec<UnitDiff> = final_units
        .iter()
        .map(|unit| match draft_units.iter().find(|d| d.anchor == unit.anchor) {
            Some(before) => UnitDiff {
                anchor: unit.anchor.clone(),
                label: unit.label.clone(),
                draft: before.text.clone(),
                final_text: unit.text.clone(),
                change: if normalise(&before.text) == normalise(&unit.text) {
                    Change::Unchanged
                } else {
                    Change::Changed(words(&before.text, &unit.text))
                },
            },
            None => UnitDiff {
                anchor: unit.anchor.clone(),
                label: unit.label.clone(),
                draft: String::new(),
                final_text: unit.text.clone(),
                change: Change::Added,
            },
        })
        .collect();
    for (j, gone) in draft_units.iter().enumerate().filter(|(_, u)| !kept(&u.anchor)) {
        let next_kept = draft_units[j + 1..].iter().find(|u| kept(&u.anchor));
        let at = match next_kept {
            Some(next) => out.iter().position(|u| u.anchor == next.anchor).unwrap_or(out.len()),
            None => {
                let after_last_kept = out.iter().rposition(|u| u.change != Change::Added).map_or(0, |p| p + 1);
                out.iter()
                    .enumerate()
                    .skip(after_last_kept)
                    .find(|(_, u)| u.change == Change::Added && anchor_order(&u.anchor) > anchor_order(&gone.anchor))
                    .map_or(out.len(), |(p, _)| p)
            }
        };
        out.insert(at, removed(gone));
    }
    out
}

fn removed(unit: &Unit) -> UnitDiff {
    UnitDiff {
        anchor: unit.anchor.clone(),
        label: unit.label.clone(),
        draft: unit.text.clone(),
        final_text: String::new(),
        change: Change::Removed,
    }
}

/// Whitespace does not count as a change.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The word-level difference of two texts (longest common subsequence of words), with
/// neighbouring words of one kind joined into runs.
pub fn words(before: &str, after: &str) -> Vec<Words> {
    let a: Vec<&str> = before.split_whitespace().collect();
    let b: Vec<&str> = after.split_whitespace().collect();
    let mut runs: Vec<Words> = Vec::new();
    if a.len().saturating_mul(b.len()) > MAX_WORD_PAIRS {
        push(&mut runs, Words::Removed, &a);
        push(&mut runs, Words::Added, &b);
        return runs;
    }
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push(&mut runs, Words::Same, &a[i..=i]);
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
            // On a tie the old words go first: struck out, then what replaced them.
            push(&mut runs, Words::Removed, &a[i..=i]);
            i += 1;
        } else {
            push(&mut runs, Words::Added, &b[j..=j]);
            j += 1;
        }
    }
    runs
}

/// Appends words to the last run when it is of the same kind, else starts a run.
fn push(runs: &mut Vec<Words>, kind: fn(String) -> Words, words: &[&str]) {
    if words.is_empty() {
        return;
    }
    let text = words.join(" ");
    let same_kind = matches!(
        (runs.last(), kind(String::new())),
        (Some(Words::Same(_)), Words::Same(_))
            | (Some(Words::Removed(_)), Words::Removed(_))
            | (Some(Words::Added(_)), Words::Added(_))
    );
    match runs.last_mut() {
        Some(Words::Same(s) | Words::Removed(s) | Words::Added(s)) if same_kind => {
            s.push(' ');
            s.push_str(&text);
        }
        _ => runs.push(kind(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "## Projekt\n\n### § 1\n\nTworzy się park kulturowy.\n\n### § 2\n\n\
                         1. Zakazuje się reklam wielkoformatowych.\n2. Szyldy według załącznika.\n\n\
                         ### § 3\n\nWykonanie powierza się Prezydentowi.";
    const FINAL: &str = "## Uchwała\n\n### § 1\n\nTworzy się   park kulturowy.\n\n### § 2\n\n\
                         1. Zakazuje się reklam wielkoformatowych po 12 miesiącach.\n2. Szyldy według załącznika.\n\
                         3. Ogródki według załącznika nr 3.\n\n### § 4\n\nUchwała wchodzi w życie po 14 dniach.";

    fn change_of<'a>(diff: &'a [UnitDiff], anchor: &str) -> &'a Change {
        &diff.iter().find(|u| u.anchor == anchor).unwrap_or_else(|| panic!("{anchor} missing")).change
    }

    #[test]
    fn units_are_matched_by_anchor_and_classified() {
        let d = diff(DRAFT, FINAL);
        assert_eq!(change_of(&d, "par-1"), &Change::Unchanged, "whitespace is not a change");
        assert_eq!(change_of(&d, "par-2-pkt-2"), &Change::Unchanged);
        assert_eq!(
            change_of(&d, "par-2-pkt-1"),
            &Change::Changed(vec![
                Words::Same("Zakazuje się reklam".into()),
                Words::Removed("wielkoformatowych.".into()),
                Words::Added("wielkoformatowych po 12 miesiącach.".into()),
            ])
        );
        assert_eq!(change_of(&d, "par-2-pkt-3"), &Change::Added);
        assert_eq!(change_of(&d, "par-3"), &Change::Removed);
        assert_eq!(change_of(&d, "par-4"), &Change::Added);
        let order: Vec<&str> = d.iter().map(|u| u.anchor.as_str()).collect();
        assert_eq!(order, ["par-1", "par-2", "par-2-pkt-1", "par-2-pkt-2", "par-2-pkt-3", "par-3", "par-4"]);
    }

    #[test]
    fn a_removed_first_unit_is_listed_first() {
        let d = diff("### § 1\n\nA.\n\n### § 2\n\nB.", "### § 2\n\nB.");
        let order: Vec<(&str, &Change)> = d.iter().map(|u| (u.anchor.as_str(), &u.change)).collect();
        assert_eq!(order, [("par-1", &Change::Removed), ("par-2", &Change::Unchanged)]);
    }

    #[test]
    fn word_runs_rebuild_both_texts() {
        let (before, after) = ("a b c d e f", "a x c d y f g");
        let runs = words(before, after);
        let side = |keep_removed: bool| {
            runs.iter()
                .filter_map(|w| match w {
                    Words::Same(s) => Some(s.as_str()),
                    Words::Removed(s) if keep_removed => Some(s.as_str()),
                    Words::Added(s) if !keep_removed => Some(s.as_str()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(side(true), before);
        assert_eq!(side(false), after);
        assert_eq!(words("", "nowy tekst"), vec![Words::Added("nowy tekst".into())]);
        assert_eq!(words("stary", ""), vec![Words::Removed("stary".into())]);
    }

    #[test]
    fn very_long_units_are_shown_replaced_whole() {
        let long_a = "słowo ".repeat(2_100);
        let long_b = "inne ".repeat(2_100);
        let runs = words(&long_a, &long_b);
        assert_eq!(runs.len(), 2);
        assert!(matches!(runs[0], Words::Removed(_)) && matches!(runs[1], Words::Added(_)));
    }
}

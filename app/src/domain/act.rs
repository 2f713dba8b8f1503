//! A draft local act split into addressable units: chapters ("Rozdział 1"), paragraphs
//! ("§ 3") and their numbered points ("§ 3 pkt 2"), read from the act's markdown
//! headings and numbering. Each unit gets an anchor made from its numbers, not from its
//! position, so `#par-3-pkt-2` keeps pointing at the same provision when text elsewhere
//! is edited, and a remark stored against it stays attached.
//!
//! What is recognised:
//! - a heading that starts with "Rozdział" (or "Chapter") and a number: a chapter;
//! - a heading that starts with "§ N", or a paragraph that starts with "§ N." : a paragraph;
//! - the items of an ordered list ("1." or "1)") inside a paragraph: its points.
//!
//! Everything else (a justification, a title heading) is plain text between units.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitKind {
    Chapter,
    Paragraph,
    Point,
}

/// One addressable provision of the act.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub kind: UnitKind,
    /// The fragment identifier, e.g. `par-3-pkt-2`: ASCII, stable, unique in the act.
    pub anchor: String,
    /// How people cite it, e.g. "§ 3 pkt 2".
    pub label: String,
    /// The unit's own text (markdown), without its heading and without its points.
    pub text: String,
    /// Numbered points of a paragraph, in order.
    pub points: Vec<Unit>,
    /// The heading's level in the text (1 = the text's top level), when it had one.
    pub heading_level: Option<u8>,
    /// The heading as written, when the unit started with one.
    pub heading: Option<String>,
}

/// A piece of the act in reading order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// Markdown that is not a unit (e.g. the justification).
    Text(String),
    Unit(Unit),
}

/// Splits an act's markdown into text and units, in reading order.
pub fn split(markdown: &str) -> Vec<Block> {
    let lines: Vec<&str> = markdown.lines().collect();
    let top = lines.iter().filter_map(|l| heading_of(l).map(|(level, _)| level)).min().unwrap_or(1);
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<Unit> = None;
    let mut text = String::new();
    let mut anchors: Vec<String> = Vec::new();
    let mut in_fence = false;

    for line in lines {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            in_fence = !in_fence;
        }
        let starts = if in_fence { None } else { unit_start(line, top) };
        match starts {
            Some(start) => {
                flush(&mut blocks, &mut current, &mut text);
                let anchor = unique(&mut anchors, start.anchor);
                let body = start.rest.map(|r| format!("{r}\n")).unwrap_or_default();
                current = Some(Unit {
                    kind: start.kind,
                    anchor,
                    label: start.label,
                    text: body,
                    points: Vec::new(),
                    heading_level: start.heading_level,
                    heading: start.heading,
                });
            }
            None => {
                // A heading that is not a unit ends the unit: what follows is plain text.
                if !in_fence && heading_of(line).is_some() && current.is_some() {
                    flush(&mut blocks, &mut current, &mut text);
                }
                match current.as_mut() {
                    Some(unit) => {
                        unit.text.push_str(line);
                        unit.text.push('\n');
                    }
                    None => {
                        text.push_str(line);
                        text.push('\n');
                    }
                }
            }
        }
    }
    flush(&mut blocks, &mut current, &mut text);
    for block in &mut blocks {
        if let Block::Unit(unit) = block {
            if unit.kind == UnitKind::Paragraph {
                split_points(unit, &mut anchors);
            }
        }
    }
    blocks
}

/// Every unit of the act, points included, in reading order.
pub fn units(blocks: &[Block]) -> Vec<&Unit> {
    let mut all = Vec::new();
    for block in blocks {
        if let Block::Unit(unit) = block {
            all.push(unit);
            all.extend(unit.points.iter());
        }
    }
    all
}

/// A sort key that orders anchors as an act does: `par-2` before `par-2-pkt-1` before
/// `par-10` (numbers compare as numbers).
pub fn anchor_order(anchor: &str) -> Vec<(u64, String)> {
    anchor
        .split('-')
        .map(|part| match part.parse::<u64>().ok().or_else(|| roman(part)) {
            Some(n) => (n, String::new()),
            None => (0, part.to_owned()),
        })
        .collect()
}

/// A chapter's roman number in an anchor (`xiv`), as a number.
fn roman(text: &str) -> Option<u64> {
    let value = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        'd' => Some(500),
        'm' => Some(1000),
        _ => None,
    };
    let digits: Vec<i64> = text.chars().map(value).collect::<Option<_>>()?;
    // A digit before a larger one subtracts ("iv" is 4).
    let total: i64 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| if digits.get(i + 1).is_some_and(|&next| next > d) { -d } else { d })
        .sum();
    u64::try_from(total).ok().filter(|&n| n > 0)
}

/// The unit with this anchor, if the act has one.
pub fn find<'a>(blocks: &'a [Block], anchor: &str) -> Option<&'a Unit> {
    units(blocks).into_iter().find(|u| u.anchor == anchor)
}

fn flush(blocks: &mut Vec<Block>, current: &mut Option<Unit>, text: &mut String) {
    if !text.trim().is_empty() {
        blocks.push(Block::Text(std::mem::take(text)));
    }
    text.clear();
    if let Some(mut unit) = current.take() {
        unit.text = unit.text.trim().to_owned();
        blocks.push(Block::Unit(unit));
    }
}

struct Start {
    kind: UnitKind,
    anchor: String,
    label: String,
    rest: Option<String>,
    heading_level: Option<u8>,
    heading: Option<String>,
}

/// A markdown ATX heading: its level and text.
fn heading_of(line: &str) -> Option<(u8, &str)> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &trimmed[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((hashes as u8, rest.trim().trim_end_matches('#').trim()))
}

fn unit_start(line: &str, top: u8) -> Option<Start> {
    if let Some((level, heading)) = heading_of(line) {
        let relative = Some(level.saturating_sub(top) + 1);
        if let Some(number) = chapter_number(heading) {
            return Some(Start {
                kind: UnitKind::Chapter,
                anchor: format!("rozdzial-{}", number.to_ascii_lowercase()),
                label: format!("Rozdział {number}"),
                rest: None,
                heading_level: relative,
                heading: Some(heading.to_owned()),
            });
        }
        if let Some((number, rest)) = paragraph_number(heading) {
            return Some(Start {
                kind: UnitKind::Paragraph,
                anchor: format!("par-{}", number.to_ascii_lowercase()),
                label: format!("§ {number}"),
                rest: (!rest.is_empty()).then(|| rest.to_owned()),
                heading_level: relative,
                heading: Some(format!("§ {number}")),
            });
        }
        return None;
    }
    // "§ 4. Uchwała wchodzi w życie ..." written as a paragraph, not a heading.
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() <= 3 {
        if let Some((number, rest)) = paragraph_number(trimmed) {
            if !rest.is_empty() || trimmed.trim_end().ends_with('.') {
                return Some(Start {
                    kind: UnitKind::Paragraph,
                    anchor: format!("par-{}", number.to_ascii_lowercase()),
                    label: format!("§ {number}"),
                    rest: (!rest.is_empty()).then(|| rest.to_owned()),
                    heading_level: None,
                    heading: None,
                });
            }
        }
    }
    None
}

/// "Rozdział 2", "Rozdział IV – Przepisy końcowe", "Chapter 3": the number as written.
fn chapter_number(heading: &str) -> Option<String> {
    let lower = heading.to_lowercase();
    let rest = ["rozdział", "rozdzial", "chapter"].iter().find_map(|w| lower.strip_prefix(w))?;
    let number: String = rest.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let valid = !number.is_empty()
        && (number.chars().all(|c| c.is_ascii_digit())
            || number.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')));
    valid.then(|| number.to_uppercase())
}

/// "§ 3", "§3a.", "§ 12. Text": the number (digits and an optional letter) and the text
/// after it.
fn paragraph_number(text: &str) -> Option<(String, &str)> {
    let rest = text.strip_prefix('§')?.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let letter = rest[digits..].chars().next().filter(|c| c.is_ascii_lowercase()).map_or(0, char::len_utf8);
    let number = &rest[..digits + letter];
    let after = &rest[digits + letter..];
    // A letter must stand alone ("§ 3a"), not start a word ("§ 3abc" is no number).
    if after.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let after = after.strip_prefix('.').unwrap_or(after).trim();
    Some((number.to_owned(), after))
}

/// Moves a paragraph's ordered-list items into its points.
fn split_points(unit: &mut Unit, anchors: &mut Vec<String>) {
    let mut intro = String::new();
    let mut points: Vec<(String, String)> = Vec::new();
    let mut after_list = String::new();
    for line in unit.text.lines() {
        if let Some((number, rest)) = list_item(line) {
            if after_list.trim().is_empty() {
                points.push((number, format!("{rest}\n")));
                after_list.clear();
                continue;
            }
        }
        match points.last_mut() {
            // Indented or lazy continuation lines belong to the point above.
            Some((_, text)) if line.starts_with([' ', '\t']) || (!line.trim().is_empty() && after_list.is_empty()) => {
                text.push_str(line.trim_start());
                text.push('\n');
            }
            Some(_) => {
                after_list.push_str(line);
                after_list.push('\n');
            }
            None => {
                intro.push_str(line);
                intro.push('\n');
            }
        }
    }
    if points.is_empty() {
        return;
    }
    if !after_list.trim().is_empty() {
        // Text after the list stays with the paragraph, below the intro.
        intro.push('\n');
        intro.push_str(&after_list);
    }
    unit.text = intro.trim().to_owned();
    unit.points = points
        .into_iter()
        .map(|(number, text)| Unit {
            kind: UnitKind::Point,
            anchor: unique(anchors, format!("{}-pkt-{number}", unit.anchor)),
            label: format!("{} pkt {number}", unit.label),
            text: text.trim().to_owned(),
            points: Vec::new(),
            heading_level: None,
            heading: None,
        })
        .collect();
}

/// "1. text" or "2) text" at the start of a line: the number and the text.
fn list_item(line: &str) -> Option<(String, &str)> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &trimmed[digits..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((trimmed[..digits].trim_start_matches('0').to_owned(), rest.trim()))
}

/// The anchor itself, or with `-2`, `-3`… when the act repeats a number (an annex).
fn unique(anchors: &mut Vec<String>, anchor: String) -> String {
    let mut candidate = anchor.clone();
    let mut n = 2;
    while anchors.contains(&candidate) {
        candidate = format!("{anchor}-{n}");
        n += 1;
    }
    anchors.push(candidate.clone());
    candidate
}

/// Whether a string could be an anchor at all (checked before any database lookup).
pub fn is_anchor_shaped(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACT: &str = "## Uzasadnienie\n\nPark kulturowy porządkuje reklamy.\n\n## Projekt uchwały\n\n\
        ### § 1\n\nTworzy się park kulturowy.\n\n### § 2\n\nNa obszarze parku:\n\n1. zakazuje się reklam,\n2. szyldy \
        umieszcza się według załącznika.\n\n### § 3\n\nWykonanie powierza się Prezydentowi.";

    fn anchors(blocks: &[Block]) -> Vec<&str> {
        units(blocks).iter().map(|u| u.anchor.as_str()).collect()
    }

    #[test]
    fn headings_and_numbered_points_become_units() {
        let blocks = split(ACT);
        assert_eq!(anchors(&blocks), ["par-1", "par-2", "par-2-pkt-1", "par-2-pkt-2", "par-3"]);
        let par2 = find(&blocks, "par-2").unwrap();
        assert_eq!(par2.label, "§ 2");
        assert_eq!(par2.text, "Na obszarze parku:");
        assert_eq!(par2.points[1].label, "§ 2 pkt 2");
        assert_eq!(par2.points[1].text, "szyldy umieszcza się według załącznika.");
        assert_eq!(par2.heading_level, Some(2));
    }

    #[test]
    fn text_that_is_not_a_unit_stays_in_order_around_the_units() {
        let blocks = split(ACT);
        let Block::Text(first) = &blocks[0] else { panic!("{blocks:?}") };
        assert!(first.contains("## Uzasadnienie") && first.contains("## Projekt uchwały"));
        assert!(matches!(blocks.last(), Some(Block::Unit(u)) if u.anchor == "par-3"));
    }

    #[test]
    fn anchors_follow_the_numbers_not_the_positions() {
        let edited = ACT.replace("### § 1\n\nTworzy się park kulturowy.\n\n", "");
        let blocks = split(&edited);
        assert_eq!(anchors(&blocks), ["par-2", "par-2-pkt-1", "par-2-pkt-2", "par-3"]);
    }

    #[test]
    fn chapters_inline_paragraphs_and_parenthesised_points_are_read() {
        let act = "# Rozdział I – Przepisy ogólne\n\nWstęp.\n\n§ 1. Uchwała określa zasady.\n\n§ 2. Ilekroć mowa o:\n\
                   1) parku – rozumie się park,\n2) szyldzie – rozumie się tablicę.\n\n# Rozdział 2\n\n§ 3a. Dodany.";
        let blocks = split(act);
        assert_eq!(
            anchors(&blocks),
            ["rozdzial-i", "par-1", "par-2", "par-2-pkt-1", "par-2-pkt-2", "rozdzial-2", "par-3a"]
        );
        let chapter = find(&blocks, "rozdzial-i").unwrap();
        assert_eq!(
            (chapter.kind, chapter.label.as_str(), chapter.text.as_str()),
            (UnitKind::Chapter, "Rozdział I", "Wstęp.")
        );
        assert_eq!(find(&blocks, "par-1").unwrap().text, "Uchwała określa zasady.");
        assert_eq!(find(&blocks, "par-2-pkt-2").unwrap().text, "szyldzie – rozumie się tablicę.");
        assert_eq!(find(&blocks, "par-3a").unwrap().label, "§ 3a");
    }

    #[test]
    fn a_repeated_number_gets_a_distinct_anchor() {
        let blocks = split("### § 1\n\nA.\n\n## Załącznik\n\n### § 1\n\nB.");
        assert_eq!(anchors(&blocks), ["par-1", "par-1-2"]);
    }

    #[test]
    fn a_text_without_units_is_one_block_and_code_is_left_alone() {
        let blocks = split("Zwykły opis.\n\n```\n§ 1. w kodzie\n```");
        assert_eq!(blocks.len(), 1);
        assert!(units(&blocks).is_empty());
        assert!(split("").is_empty());
    }

    #[test]
    fn words_that_merely_start_like_units_are_not_units() {
        let blocks = split("§ 3abc nie jest paragrafem\n\nRozdziały omówiono niżej.\n\n## Chapterhouse");
        assert!(units(&blocks).is_empty(), "{blocks:?}");
    }

    #[test]
    fn anchors_are_checked_for_shape() {
        assert!(is_anchor_shaped("par-3-pkt-2"));
        assert!(!is_anchor_shaped(""));
        assert!(!is_anchor_shaped("par 3"));
        assert!(!is_anchor_shaped("<script>"));
    }

    #[test]
    fn anchors_sort_as_the_act_reads() {
        let mut anchors = ["par-10", "par-2-pkt-1", "rozdzial-ix", "par-2", "rozdzial-iv", "rozdzial-x"];
        anchors.sort_by_key(|a| anchor_order(a));
        assert_eq!(anchors, ["par-2", "par-2-pkt-1", "par-10", "rozdzial-iv", "rozdzial-ix", "rozdzial-x"]);
    }
}

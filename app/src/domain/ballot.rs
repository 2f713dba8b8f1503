//! The civic-budget ballot as data, and the one function that says whether a ballot is
//! valid. Kraków's ballot is the default: 3 district projects in the voter's own district
//! and 3 city-wide projects, ranked 3, 2, 1 points within each group; approval and
//! cost-capped ("knapsack") ballots are other settings. Pure: the server (the authority)
//! and the voting page run the same check.

use super::initiative::Grosze;
use serde::{Deserialize, Serialize};

/// How voters mark the projects they choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// Exactly as many projects as there are point values, each value given once (the
    /// favourite gets the first): Kraków's 3, 2, 1.
    Ranked { points: Vec<u32> },
    /// Up to the group's number of projects, one point each.
    Approval,
    /// Projects whose costs add up to no more than the group's pool, one point each.
    Knapsack,
}

/// The ballot of an edition. Locked when voting opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotRules {
    pub scheme: Scheme,
    /// Projects a voter chooses in their own district (0: no district group).
    pub district_choices: u8,
    /// City-wide projects a voter chooses (0: no city-wide group).
    pub city_choices: u8,
}

impl Default for BallotRules {
    /// Kraków's: 3 + 3 projects, ranked 3, 2, 1.
    fn default() -> Self {
        BallotRules { scheme: Scheme::Ranked { points: vec![3, 2, 1] }, district_choices: 3, city_choices: 3 }
    }
}

/// The two groups of a ballot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    District,
    City,
}

/// A project on the ballot: `district` is `None` for a city-wide one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub district: Option<u8>,
    pub cost: Grosze,
}

/// What a voter marked: their district, and points next to projects (for ranked
/// ballots the points; for the others any positive mark means "chosen").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub district: Option<u8>,
    pub marks: Vec<(i64, u32)>,
}

/// A valid ballot: each group's projects, the favourite first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub district: Option<u8>,
    pub district_projects: Vec<i64>,
    pub city_projects: Vec<i64>,
}

/// One broken rule: its code, the group it concerns and the project, if one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    pub group: Option<Group>,
    pub project: Option<i64>,
}

impl Problem {
    fn new(code: &'static str, group: Option<Group>, project: Option<i64>) -> Self {
        Problem { code, group, project }
    }
}

impl BallotRules {
    /// How many projects a group takes (its exact number for ranked ballots, its
    /// maximum otherwise).
    pub fn choices(&self, group: Group) -> u8 {
        match group {
            Group::District => self.district_choices,
            Group::City => self.city_choices,
        }
    }

    /// The points of the project at `position` (0: the favourite) of a group.
    pub fn points_at(&self, position: usize) -> u32 {
        match &self.scheme {
            Scheme::Ranked { points } => points.get(position).copied().unwrap_or(0),
            Scheme::Approval | Scheme::Knapsack => 1,
        }
    }

    /// The rules themselves are sound: a ranked ballot has as many distinct positive
    /// point values as projects per group, and at least one group takes projects.
    pub fn sound(&self) -> Result<(), &'static str> {
        if self.district_choices == 0 && self.city_choices == 0 {
            return Err("ballot_no_groups");
        }
        if self.district_choices > 20 || self.city_choices > 20 {
            return Err("ballot_too_many");
        }
        if let Scheme::Ranked { points } = &self.scheme {
            let mut sorted = points.clone();
            sorted.sort_unstable();
            sorted.dedup();
            let needed = [self.district_choices, self.city_choices].into_iter().filter(|c| *c > 0);
            if sorted.len() != points.len()
                || points.iter().any(|p| *p == 0 || *p > 100)
                || needed.clone().any(|c| usize::from(c) != points.len())
            {
                return Err("ballot_points_invalid");
            }
        }
        Ok(())
    }
}

/// Checks a ballot against the rules and the projects on the ballot; `pools` are the
/// (district, city-wide) pools a knapsack ballot is capped by. Every broken rule is
/// reported, so the page can name them all at once.
pub fn check(
    rules: &BallotRules,
    candidates: &[Candidate],
    pools: (Grosze, Grosze),
    marks: &Marks,
) -> Result<Ballot, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut groups: [Vec<(i64, u32, Grosze)>; 2] = [Vec::new(), Vec::new()];
    let district_group = rules.district_choices > 0;
    if district_group && marks.district.is_none_or(|d| !(1..=18).contains(&d)) {
        problems.push(Problem::new("vote_district_missing", Some(Group::District), None));
    }
    let mut seen: Vec<i64> = Vec::new();
    for &(id, points) in &marks.marks {
        if points == 0 {
            continue;
        }
        if seen.contains(&id) {
            problems.push(Problem::new("vote_duplicate", None, Some(id)));
            continue;
        }
        seen.push(id);
        let Some(candidate) = candidates.iter().find(|c| c.id == id) else {
            problems.push(Problem::new("vote_not_on_ballot", None, Some(id)));
            continue;
        };
        let group = match candidate.district {
            None => Group::City,
            Some(_) => Group::District,
        };
        if rules.choices(group) == 0 {
            problems.push(Problem::new("vote_group_closed", Some(group), Some(id)));
            continue;
        }
        if group == Group::District && marks.district.is_some() && candidate.district != marks.district {
            problems.push(Problem::new("vote_other_district", Some(group), Some(id)));
            continue;
        }
        let slot = usize::from(group == Group::City);
        groups[slot].push((id, points, candidate.cost));
    }
    for (slot, group) in [Group::District, Group::City].into_iter().enumerate() {
        let wanted = usize::from(rules.choices(group));
        if wanted == 0 {
            continue;
        }
        let chosen = &mut groups[slot];
        match &rules.scheme {
            Scheme::Ranked { points } => {
                if chosen.len() != wanted {
                    problems.push(Problem::new("vote_count", Some(group), None));
                    continue;
                }
                let mut given: Vec<u32> = chosen.iter().map(|c| c.1).collect();
                let mut expected = points.clone();
                order_by(&mut given, |p| *p);
                order_by(&mut expected, |p| *p);
                if given != expected {
                    problems.push(Problem::new("vote_not_ranking", Some(group), None));
                }
                // The favourite (most points) first.
                order_by(chosen, |c| std::cmp::Reverse(c.1));
            }
            Scheme::Approval => {
                if chosen.is_empty() || chosen.len() > wanted {
                    problems.push(Problem::new("vote_count", Some(group), None));
                }
                order_by(chosen, |c| c.0);
            }
            Scheme::Knapsack => {
                let limit = if group == Group::City { pools.1 } else { pools.0 };
                let spent: Grosze = chosen.iter().map(|c| c.2).sum();
                if chosen.is_empty() {
                    problems.push(Problem::new("vote_count", Some(group), None));
                } else if spent > limit {
                    problems.push(Problem::new("vote_over_budget", Some(group), None));
                }
                order_by(chosen, |c| c.0);
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let [district_projects, city_projects] = groups.map(|g| g.into_iter().map(|c| c.0).collect());
    Ok(Ballot { district: marks.district.filter(|_| district_group), district_projects, city_projects })
}

/// Orders a group's few choices (at most 20) by `key`, keeping equal ones in their order:
/// an insertion sort, because the voting page runs this module in the browser, where the
/// standard library's sorts would add kilobytes to the bundle for lists this short.
fn order_by<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Moves project `id` one place up (towards the favourite) or down in its group's
/// ranking, for the ballot's reordering by keyboard and touch. The places are the point
/// values, highest first, then "not chosen": the project takes the next place's value,
/// and a project that held it takes the old one. Moving up an unchosen project adds it
/// in the highest free place (so choosing projects in order of preference ranks them),
/// or in the last place when none is free; moving down the last one takes it off the
/// ballot. `marks` are one group's; answers whether anything changed.
pub fn move_mark(points: &[u32], marks: &mut [(i64, u32)], id: i64, up: bool) -> bool {
    let mut places = points.to_vec();
    order_by(&mut places, |p| std::cmp::Reverse(*p));
    places.push(0);
    let Some(at) = marks.iter().position(|m| m.0 == id) else {
        return false;
    };
    let old = marks[at].1;
    let place = places.iter().position(|p| *p == old).unwrap_or(places.len() - 1);
    let free = places.iter().copied().find(|p| *p > 0 && marks.iter().all(|m| m.1 != *p));
    let next = match (old, up, free) {
        (0, true, Some(free)) => Some(free),
        _ => (if up { place.checked_sub(1) } else { Some(place + 1) }).and_then(|p| places.get(p).copied()),
    };
    let Some(new) = next else {
        return false;
    };
    if new > 0 {
        if let Some(holder) = marks.iter_mut().find(|m| m.1 == new) {
            holder.1 = old;
        }
    }
    marks[at].1 = new;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// District 5 has projects 1–4, district 6 has 5, the city-wide ones are 10–13.
    fn candidates() -> Vec<Candidate> {
        let mut c: Vec<Candidate> = (1..=4).map(|id| Candidate { id, district: Some(5), cost: 100 * id }).collect();
        c.push(Candidate { id: 5, district: Some(6), cost: 100 });
        c.extend((10..=13).map(|id| Candidate { id, district: None, cost: 1_000 * (id - 9) }));
        c
    }

    fn marks(district: Option<u8>, marks: &[(i64, u32)]) -> Marks {
        Marks { district, marks: marks.to_vec() }
    }

    fn codes(result: Result<Ballot, Vec<Problem>>) -> Vec<&'static str> {
        result.err().unwrap_or_default().into_iter().map(|p| p.code).collect()
    }

    const POOLS: (Grosze, Grosze) = (500, 5_000);

    #[test]
    fn krakow_ballot_orders_each_group_by_points() {
        let m = marks(Some(5), &[(1, 1), (2, 3), (3, 2), (10, 2), (12, 3), (13, 1), (4, 0)]);
        let ballot = check(&BallotRules::default(), &candidates(), POOLS, &m).unwrap();
        assert_eq!(ballot.district_projects, vec![2, 3, 1]);
        assert_eq!(ballot.city_projects, vec![12, 10, 13]);
        assert_eq!(ballot.district, Some(5));
        let rules = BallotRules::default();
        assert_eq!((rules.points_at(0), rules.points_at(1), rules.points_at(2), rules.points_at(3)), (3, 2, 1, 0));
    }

    #[test]
    fn every_broken_rule_of_the_issue_is_named() {
        let rules = BallotRules::default();
        let c = candidates();
        let full_city = [(10, 3), (11, 2), (12, 1)];
        let with = |district: &[(i64, u32)]| {
            let mut all = district.to_vec();
            all.extend_from_slice(&full_city);
            marks(Some(5), &all)
        };
        // Two projects in the district group.
        assert_eq!(codes(check(&rules, &c, POOLS, &with(&[(1, 3), (2, 2)]))), ["vote_count"]);
        // A project from another district.
        assert_eq!(
            codes(check(&rules, &c, POOLS, &with(&[(1, 3), (2, 2), (5, 1)]))),
            ["vote_other_district", "vote_count"]
        );
        // The same project twice.
        assert_eq!(codes(check(&rules, &c, POOLS, &with(&[(1, 3), (1, 2), (2, 1)]))), ["vote_duplicate", "vote_count"]);
        // Points that are not a ranking.
        assert_eq!(codes(check(&rules, &c, POOLS, &with(&[(1, 3), (2, 3), (3, 1)]))), ["vote_not_ranking"]);
        assert_eq!(codes(check(&rules, &c, POOLS, &with(&[(1, 3), (2, 2), (3, 7)]))), ["vote_not_ranking"]);
        // A project not on the ballot (withdrawn, or made up).
        assert_eq!(
            codes(check(&rules, &c, POOLS, &with(&[(1, 3), (2, 2), (99, 1)]))),
            ["vote_not_on_ballot", "vote_count"]
        );
        // No district declared.
        let no_district = marks(None, &[(1, 3), (2, 2), (3, 1), (10, 3), (11, 2), (12, 1)]);
        assert_eq!(codes(check(&rules, &c, POOLS, &no_district)), ["vote_district_missing"]);
        // An empty ballot names both groups.
        let empty = check(&rules, &c, POOLS, &marks(Some(5), &[])).unwrap_err();
        assert_eq!(
            empty.iter().map(|p| (p.code, p.group)).collect::<Vec<_>>(),
            [("vote_count", Some(Group::District)), ("vote_count", Some(Group::City))]
        );
    }

    #[test]
    fn approval_and_knapsack_ballots() {
        let approval = BallotRules { scheme: Scheme::Approval, district_choices: 2, city_choices: 0 };
        let c = candidates();
        let ok = check(&approval, &c, POOLS, &marks(Some(5), &[(3, 1), (1, 1)])).unwrap();
        assert_eq!(ok.district_projects, vec![1, 3]);
        assert_eq!(codes(check(&approval, &c, POOLS, &marks(Some(5), &[(1, 1), (2, 1), (3, 1)]))), ["vote_count"]);
        assert_eq!(codes(check(&approval, &c, POOLS, &marks(Some(5), &[(1, 1), (10, 1)]))), ["vote_group_closed"]);
        let knapsack = BallotRules { scheme: Scheme::Knapsack, district_choices: 20, city_choices: 20 };
        // District pool 500: projects 1 (100) + 4 (400) fit, 2 (200) on top does not.
        let fits = marks(Some(5), &[(1, 1), (4, 1), (10, 1), (13, 1)]);
        assert!(check(&knapsack, &c, POOLS, &fits).is_ok());
        let over = marks(Some(5), &[(1, 1), (2, 1), (4, 1), (10, 1)]);
        assert_eq!(codes(check(&knapsack, &c, POOLS, &over)), ["vote_over_budget"]);
    }

    #[test]
    fn a_city_wide_only_ballot_needs_no_district() {
        let rules = BallotRules { scheme: Scheme::Ranked { points: vec![2, 1] }, district_choices: 0, city_choices: 2 };
        let ballot = check(&rules, &candidates(), POOLS, &marks(None, &[(11, 1), (10, 2)])).unwrap();
        assert_eq!((ballot.district, ballot.city_projects), (None, vec![10, 11]));
    }

    #[test]
    fn the_rules_must_be_sound() {
        assert_eq!(BallotRules::default().sound(), Ok(()));
        let bad = |points: Vec<u32>, d, c| BallotRules {
            scheme: Scheme::Ranked { points },
            district_choices: d,
            city_choices: c,
        };
        assert_eq!(bad(vec![3, 3, 1], 3, 3).sound(), Err("ballot_points_invalid"));
        assert_eq!(bad(vec![3, 2], 3, 3).sound(), Err("ballot_points_invalid"));
        assert_eq!(bad(vec![3, 2, 0], 3, 3).sound(), Err("ballot_points_invalid"));
        assert_eq!(bad(vec![2, 1], 0, 2).sound(), Ok(()));
        assert_eq!(bad(vec![], 0, 0).sound(), Err("ballot_no_groups"));
    }

    /// Every assignment of 0–3 points to the four district-5 projects: valid exactly when
    /// three of them carry 3, 2 and 1.
    #[test]
    fn exhaustively_a_district_group_is_valid_only_as_a_ranking() {
        let rules = BallotRules::default();
        let c = candidates();
        for code in 0..4u32.pow(4) {
            let points: Vec<u32> = (0..4).map(|i| code / 4u32.pow(i) % 4).collect();
            let mut m: Vec<(i64, u32)> = points.iter().enumerate().map(|(i, p)| (i as i64 + 1, *p)).collect();
            m.extend_from_slice(&[(10, 1), (11, 2), (12, 3)]);
            let mut nonzero: Vec<u32> = points.iter().copied().filter(|p| *p > 0).collect();
            nonzero.sort_unstable();
            let expected = nonzero == [1, 2, 3];
            assert_eq!(check(&rules, &c, POOLS, &marks(Some(5), &m)).is_ok(), expected, "{points:?}");
        }
    }

    #[test]
    fn the_small_sort_keeps_equal_items_in_their_order() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        order_by(&mut items, |i| i.0);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        order_by(&mut items, |i| std::cmp::Reverse(i.0));
        assert_eq!(items, [(3, 'a'), (3, 'c'), (2, 'd'), (1, 'b'), (1, 'e')]);
    }

    #[test]
    fn moving_a_project_swaps_places_with_its_neighbour() {
        let points = [3, 2, 1];
        let mut m = vec![(1, 3), (2, 2), (3, 1), (4, 0)];
        // Up: the second takes 3 and the favourite 2.
        assert!(move_mark(&points, &mut m, 2, true));
        assert_eq!(m, [(1, 2), (2, 3), (3, 1), (4, 0)]);
        // The favourite cannot go higher.
        assert!(!move_mark(&points, &mut m, 2, true));
        // An unchosen project moved up takes the last place; the last one leaves.
        assert!(move_mark(&points, &mut m, 4, true));
        assert_eq!(m, [(1, 2), (2, 3), (3, 0), (4, 1)]);
        // The last one moved down leaves the ballot; an unchosen one cannot go lower.
        assert!(move_mark(&points, &mut m, 4, false));
        assert_eq!(m, [(1, 2), (2, 3), (3, 0), (4, 0)]);
        assert!(!move_mark(&points, &mut m, 4, false));
        // Into a free place nobody is displaced; an unknown project changes nothing.
        assert!(move_mark(&points, &mut m, 3, true));
        assert_eq!(m, [(1, 2), (2, 3), (3, 1), (4, 0)]);
        assert!(!move_mark(&points, &mut m, 99, true));
        // Choosing in order of preference ranks: the highest free place each time.
        let mut m = vec![(1, 0), (2, 0), (3, 0)];
        assert!(move_mark(&points, &mut m, 2, true) && move_mark(&points, &mut m, 3, true));
        assert_eq!(m, [(1, 0), (2, 3), (3, 2)]);
    }

    /// From any marks, moving every project up and then down in every order never gives
    /// two projects the same positive value unless they had it before, and the result of
    /// filling a group by "up" clicks alone is always a valid ranking.
    #[test]
    fn up_clicks_alone_build_a_valid_ranking() {
        let rules = BallotRules::default();
        let c = candidates();
        for order in 0..4u32.pow(4) {
            let mut m: Vec<(i64, u32)> = (1..=4).map(|id| (id, 0)).collect();
            for step in 0..4 {
                let id = i64::from(order / 4u32.pow(step) % 4) + 1;
                move_mark(&[3, 2, 1], &mut m, id, true);
            }
            let chosen: Vec<u32> = m.iter().map(|p| p.1).filter(|p| *p > 0).collect();
            let mut sorted = chosen.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), chosen.len(), "{order}: {m:?}");
            if chosen.len() == 3 {
                let mut all = m.clone();
                all.extend_from_slice(&[(10, 1), (11, 2), (12, 3)]);
                assert!(check(&rules, &c, POOLS, &marks(Some(5), &all)).is_ok(), "{m:?}");
            }
        }
    }
}

//! Counting one pool: points and voters per project, the ranking with its tie-breaks,
//! and which projects are funded. Pure; the published results, the `recount` command
//! and the checks against Kraków's real elections all run this code.

use super::initiative::Grosze;
use serde::{Deserialize, Serialize};

/// What happens when the next project in the ranking no longer fits the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Funding {
    /// Skip it and try the next one (Kraków's rule).
    Skip,
    /// Stop funding there.
    Stop,
}

/// One project's result in its pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Index of the project in the list given to [`count`].
    pub index: usize,
    pub points: u64,
    /// Ballots that chose it.
    pub voters: u64,
    /// 1 for the first; projects are ranked without shared places.
    pub rank: u32,
    pub funded: bool,
    /// The place was decided by the seeded draw (same points and voters as a neighbour).
    pub drawn: bool,
}

/// A deterministic draw key for a project, from the published seed and the project's
/// public number (FNV-1a over both, then a 64-bit finaliser): anyone can recompute it.
pub fn draw_key(seed: &str, number: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in seed.bytes().chain([0u8]).chain(number.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

/// Counts a pool. `costs[i]` and `numbers[i]` describe project `i`; each ballot is the
/// list of project indices it chose, favourite first, and `points_at(position)` gives
/// the points of a position. Returns the outcomes in rank order: most points first, then
/// most voters, then the seeded draw.
pub fn count<'b>(
    pool: Grosze,
    costs: &[Grosze],
    numbers: &[&str],
    ballots: impl IntoIterator<Item = &'b [usize]>,
    points_at: impl Fn(usize) -> u32,
    funding: Funding,
    seed: &str,
) -> Vec<Outcome> {
    let mut points = vec![0u64; costs.len()];
    let mut voters = vec![0u64; costs.len()];
    for ballot in ballots {
        for (position, &index) in ballot.iter().enumerate() {
            if let (Some(p), Some(v)) = (points.get_mut(index), voters.get_mut(index)) {
                *p += u64::from(points_at(position));
                *v += 1;
            }
        }
    }
    rank(pool, costs, numbers, &points, &voters, funding, seed)
}

/// Ranks and funds projects whose points and voters are already summed. Ties of points
/// and voters are broken by the seeded draw; with an empty seed by the order the
/// projects are given in (a published ranking, as Pabulib files of past elections
/// list it after the city's own draw).
pub fn rank(
    pool: Grosze,
    costs: &[Grosze],
    numbers: &[&str],
    points: &[u64],
    voters: &[u64],
    funding: Funding,
    seed: &str,
) -> Vec<Outcome> {
    let keys: Vec<u64> = (0..costs.len())
        .map(|i| match seed {
            "" => i as u64,
            _ => draw_key(seed, numbers.get(i).copied().unwrap_or("")),
        })
        .collect();
    let mut order: Vec<usize> = (0..costs.len()).collect();
    let tie = |i: usize| (std::cmp::Reverse(points[i]), std::cmp::Reverse(voters[i]));
    order.sort_by_key(|&i| (tie(i), keys[i]));
    let mut remaining = pool;
    let mut stopped = false;
    order
        .iter()
        .enumerate()
        .map(|(place, &i)| {
            let fits = !stopped && costs[i] <= remaining;
            if fits {
                remaining -= costs[i];
            } else if funding == Funding::Stop {
                stopped = true;
            }
            let neighbour_tied = |other: Option<&usize>| other.is_some_and(|&j| tie(j) == tie(i));
            Outcome {
                index: i,
                points: points[i],
                voters: voters[i],
                rank: u32::try_from(place + 1).unwrap_or(u32::MAX),
                funded: fits,
                drawn: neighbour_tied(place.checked_sub(1).and_then(|p| order.get(p)))
                    || neighbour_tied(order.get(place + 1)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn krakow(position: usize) -> u32 {
        [3, 2, 1].get(position).copied().unwrap_or(0)
    }

    #[test]
    fn points_voters_and_funding_with_skipping() {
        // Costs 600, 500, 300, 200 in a pool of 1000.
        let costs = [600, 500, 300, 200];
        let numbers = ["A", "B", "C", "D"];
        let ballots: Vec<Vec<usize>> = vec![vec![0, 1, 2], vec![0, 1, 3], vec![1, 0, 2], vec![2, 3, 1]];
        let out = count(1000, &costs, &numbers, ballots.iter().map(Vec::as_slice), krakow, Funding::Skip, "s");
        let by_rank: Vec<(usize, u64, u64, bool)> =
            out.iter().map(|o| (o.index, o.points, o.voters, o.funded)).collect();
        // A: 3+3+2 = 8; B: 2+2+3+1 = 8 but 4 voters beats A's 3; C: 1+1+3 = 5; D: 1+2 = 3.
        assert_eq!(by_rank, [(1, 8, 4, true), (0, 8, 3, false), (2, 5, 3, true), (3, 3, 2, true)]);
        assert!(out.iter().all(|o| !o.drawn));
        assert_eq!(out.iter().map(|o| o.rank).collect::<Vec<_>>(), [1, 2, 3, 4]);
        // Stopping instead: B funded (500 left), A does not fit, nothing after it.
        let stop = count(1000, &costs, &numbers, ballots.iter().map(Vec::as_slice), krakow, Funding::Stop, "s");
        assert_eq!(stop.iter().map(|o| o.funded).collect::<Vec<_>>(), [true, false, false, false]);
    }

    #[test]
    fn a_full_tie_is_settled_by_the_published_draw_and_the_seed_changes_it() {
        let costs = [100, 100];
        let numbers = ["BO/2026/0001", "BO/2026/0002"];
        let ballots = [vec![0usize], vec![1usize]];
        let winners: std::collections::BTreeSet<usize> = (0..40)
            .map(|s| {
                let seed = format!("seed-{s}");
                let out = count(100, &costs, &numbers, ballots.iter().map(Vec::as_slice), krakow, Funding::Skip, &seed);
                assert!(out.iter().all(|o| o.drawn && o.points == 3));
                let again =
                    count(100, &costs, &numbers, ballots.iter().map(Vec::as_slice), krakow, Funding::Skip, &seed);
                assert_eq!(out, again, "the same seed gives the same draw");
                assert_eq!(out.iter().filter(|o| o.funded).count(), 1);
                out[0].index
            })
            .collect();
        assert_eq!(winners.len(), 2, "different seeds let either project win");
    }

    #[test]
    fn without_a_seed_a_full_tie_keeps_the_given_order() {
        let ballots = [vec![0usize], vec![1usize]];
        for order in [["A", "B"], ["B", "A"]] {
            let out = count(100, &[100, 100], &order, ballots.iter().map(Vec::as_slice), krakow, Funding::Skip, "");
            assert_eq!((out[0].index, out[0].funded, out[1].funded), (0, true, false));
        }
    }

    #[test]
    fn nothing_voted_and_indices_out_of_range_are_harmless() {
        let out = count(0, &[10], &["X"], [[5usize].as_slice()], krakow, Funding::Skip, "");
        assert_eq!((out[0].points, out[0].voters, out[0].funded), (0, 0, false));
        // A project costing nothing always fits.
        let free = count(0, &[0], &["X"], std::iter::empty(), krakow, Funding::Skip, "");
        assert!(free[0].funded);
    }

    #[test]
    fn draw_keys_are_stable() {
        assert_eq!(draw_key("a", "b"), draw_key("a", "b"));
        assert_ne!(draw_key("a", "b"), draw_key("ab", ""));
    }
}

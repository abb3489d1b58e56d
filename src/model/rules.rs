//! Derived, never stored: meeting gaps against the cadence target, overdue work, progress counts.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use super::{ActionItem, Goal, Meeting};

/// Achieved out of total, for a framework or one of its sections.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Progress {
    pub achieved: usize,
    pub total: usize,
}

impl Progress {
    pub fn add(&mut self, other: Progress) {
        self.achieved += other.achieved;
        self.total += other.total;
    }

    /// Whole percent, rounded down; 0 for an empty total.
    pub fn percent(self) -> u32 {
        (self.achieved * 100)
            .checked_div(self.total)
            .map_or(0, |p| p as u32)
    }

    pub fn complete(self) -> bool {
        self.total > 0 && self.achieved == self.total
    }
}

/// The LSIS guide's words for its reporting rhythm, which `Cadence::Lsis` follows.
pub const LSIS_RHYTHM: &str = "once a fortnight for the first month, and once a month thereafter";

/// A partnership's meeting target: how long after a meeting (or the start) the next is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Cadence {
    /// The next meeting at most this many days after the last (0: no target).
    Days(u32),
    /// The LSIS rhythm, "once a fortnight for the first month, and once a month thereafter".
    /// The first month runs from the start date to the same date of the next month, that day
    /// not included (from 31 January, to the last day of February, not included). A meeting
    /// in it (or the start, before any) wants the next within 14 days, however near the
    /// month's end it falls; a later one wants the next within a calendar month: by the same
    /// date of the next month, or that month's last day when it is shorter (after 15 March,
    /// by 15 April; after 31 January, by 28 or 29 February; after 30 April, by 30 May).
    Lsis,
}

impl Cadence {
    /// The last day the next meeting is on time after one on `last` (or the start, with none
    /// yet), for a partnership that started on `start`. `None`: no target (or past the end
    /// of the calendar).
    pub fn due_after(self, last: NaiveDate, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Cadence::Days(0) => None,
            Cadence::Days(n) => last.checked_add_days(Days::new(n.into())),
            Cadence::Lsis => {
                let first_month = start
                    .checked_add_months(Months::new(1))
                    .is_none_or(|end| last < end);
                if first_month {
                    last.checked_add_days(Days::new(14))
                } else {
                    last.checked_add_months(Months::new(1))
                }
            }
        }
    }

    /// The target in words: "a meeting every 14 days", "the LSIS rhythm: once a fortnight
    /// for the first month, and once a month thereafter".
    pub fn phrase(self) -> String {
        match self {
            Cadence::Days(0) => "no target".into(),
            Cadence::Days(1) => "a meeting every day".into(),
            Cadence::Days(n) => format!("a meeting every {n} days"),
            Cadence::Lsis => format!("the LSIS rhythm: {LSIS_RHYTHM}"),
        }
    }
}

/// How regularly a partnership meets, measured against its cadence target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct MeetingGaps {
    pub meetings: usize,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// Days from the last meeting (or from the start, with none) to today.
    pub days_since_last: i64,
    /// The longest stretch between two consecutive meetings, in days.
    pub longest_gap_days: Option<i64>,
    /// Stretches between consecutive meetings longer than the cadence target.
    pub gaps_over_cadence: Vec<Gap>,
    /// True when today is already further from the last meeting than the cadence allows.
    pub overdue: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Gap {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: i64,
}

/// Gaps between meetings; `start` is the partnership's start, counted from when none was held.
pub fn meeting_gaps(
    dates: impl IntoIterator<Item = NaiveDate>,
    start: NaiveDate,
    cadence: Cadence,
    today: NaiveDate,
) -> MeetingGaps {
    let mut dates: Vec<NaiveDate> = dates.into_iter().collect();
    dates.sort_unstable();
    let late =
        |from: NaiveDate, to: NaiveDate| cadence.due_after(from, start).is_some_and(|d| to > d);
    let mut gaps_over = Vec::new();
    let mut longest = None;
    for pair in dates.windows(2) {
        let days = (pair[1] - pair[0]).num_days();
        longest = Some(longest.map_or(days, |l: i64| l.max(days)));
        if late(pair[0], pair[1]) {
            gaps_over.push(Gap {
                from: pair[0],
                to: pair[1],
                days,
            });
        }
    }
    let anchor = dates.last().copied().unwrap_or(start);
    let days_since_last = (today - anchor).num_days().max(0);
    MeetingGaps {
        meetings: dates.len(),
        first: dates.first().copied(),
        last: dates.last().copied(),
        days_since_last,
        longest_gap_days: longest,
        gaps_over_cadence: gaps_over,
        overdue: late(anchor, today),
    }
}

/// A goal is overdue when it is still open after its target date.
pub fn goal_is_overdue(goal: &Goal, today: NaiveDate) -> bool {
    goal.status.is_open() && goal.target.is_some_and(|t| t < today)
}

pub fn action_is_overdue(item: &ActionItem, today: NaiveDate) -> bool {
    !item.done && item.due.is_some_and(|d| d < today)
}

/// Open and overdue counts of goals and action items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Workload {
    pub open_goals: usize,
    pub overdue_goals: usize,
    pub open_actions: usize,
    pub overdue_actions: usize,
}

pub fn workload<'a>(
    goals: impl IntoIterator<Item = &'a Goal>,
    meetings: impl IntoIterator<Item = &'a Meeting>,
    today: NaiveDate,
) -> Workload {
    let mut w = Workload::default();
    for g in goals {
        if g.status.is_open() {
            w.open_goals += 1;
        }
        if goal_is_overdue(g, today) {
            w.overdue_goals += 1;
        }
    }
    for m in meetings {
        for a in &m.action_items {
            if !a.done {
                w.open_actions += 1;
            }
            if action_is_overdue(a, today) {
                w.overdue_actions += 1;
            }
        }
    }
    w
}

/// "today", "yesterday", "3 days ago": how long ago a day was, in words.
pub fn days_ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        d if d < 0 => format!("in {} days", -d),
        d => format!("{d} days ago"),
    }
}

/// Meetings per calendar month for the 12 months up to today, oldest first.
pub fn meetings_per_month(dates: impl Iterator<Item = NaiveDate>, today: NaiveDate) -> Vec<u64> {
    use chrono::Datelike;
    let mut counts = vec![0u64; 12];
    let now = today.year() * 12 + today.month0() as i32;
    for d in dates {
        let age = now - (d.year() * 12 + d.month0() as i32);
        if (0..12).contains(&age) {
            counts[11 - age as usize] += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_count_back_from_today_across_a_year() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let counts = meetings_per_month(
            [
                d("2026-01-05"),
                d("2025-12-30"),
                d("2025-12-01"),
                d("2024-12-01"),
                d("2025-02-01"),
            ]
            .into_iter(),
            d("2026-01-20"),
        );
        assert_eq!(counts[11], 1);
        assert_eq!(counts[10], 2);
        assert_eq!(counts[0], 1); // Feb 2025
        assert_eq!(counts.iter().sum::<u64>(), 4);
    }
    use crate::model::{GoalStatus, Owner, SCHEMA_VERSION};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn no_meetings_counts_from_the_start() {
        let g = meeting_gaps([], d("2026-11-01"), Cadence::Days(14), d("2026-11-23"));
        assert_eq!(g.meetings, 0);
        assert_eq!(g.last, None);
        assert_eq!(g.days_since_last, 22);
        assert_eq!(g.longest_gap_days, None);
        assert!(g.overdue);
        let fresh = meeting_gaps([], d("2026-11-20"), Cadence::Days(14), d("2026-11-23"));
        assert!(!fresh.overdue);
    }

    #[test]
    fn one_meeting_has_no_gap_between_meetings() {
        let g = meeting_gaps(
            [d("2026-11-10")],
            d("2026-09-01"),
            Cadence::Days(14),
            d("2026-11-23"),
        );
        assert_eq!(g.meetings, 1);
        assert_eq!(g.longest_gap_days, None);
        assert!(g.gaps_over_cadence.is_empty());
        assert_eq!(g.days_since_last, 13);
        assert!(!g.overdue);
    }

    #[test]
    fn same_day_meetings_and_unsorted_input() {
        let g = meeting_gaps(
            [d("2026-11-10"), d("2026-11-01"), d("2026-11-10")],
            d("2026-11-01"),
            Cadence::Days(7),
            d("2026-11-10"),
        );
        assert_eq!(g.meetings, 3);
        assert_eq!(g.first, Some(d("2026-11-01")));
        assert_eq!(g.longest_gap_days, Some(9));
        assert_eq!(g.gaps_over_cadence.len(), 1);
        assert_eq!(g.gaps_over_cadence[0].days, 9);
        assert_eq!(g.days_since_last, 0);
    }

    #[test]
    fn gaps_across_years_and_at_the_cadence_edge() {
        let g = meeting_gaps(
            [d("2025-12-20"), d("2026-01-03"), d("2026-01-18")],
            d("2025-12-01"),
            Cadence::Days(14),
            d("2026-02-01"),
        );
        // 14 days exactly is on target; 15 is over.
        assert_eq!(g.gaps_over_cadence.len(), 1);
        assert_eq!(g.gaps_over_cadence[0].from, d("2026-01-03"));
        assert_eq!(g.days_since_last, 14);
        assert!(!g.overdue);
    }

    /// `Cadence::Lsis` at its edges: overdue for a partnership that started on `start` and
    /// last met on `last` (none: `None`), on `today`.
    fn lsis_overdue(start: &str, last: Option<&str>, today: &str) -> bool {
        meeting_gaps(last.map(d), d(start), Cadence::Lsis, d(today)).overdue
    }

    #[test]
    fn lsis_wants_a_meeting_a_fortnight_into_the_first_month() {
        // No meeting yet: the start counts, and the first month is fortnightly.
        assert!(
            !lsis_overdue("2026-03-01", None, "2026-03-15"),
            "day 14 is on time"
        );
        assert!(
            lsis_overdue("2026-03-01", None, "2026-03-16"),
            "day 15 is late"
        );
        // A meeting on the first month's last day still wants the next within 14 days,
        // though that falls in the second month.
        assert!(!lsis_overdue(
            "2026-03-01",
            Some("2026-03-31"),
            "2026-04-14"
        ));
        assert!(lsis_overdue("2026-03-01", Some("2026-03-31"), "2026-04-15"));
        assert_eq!(
            Cadence::Lsis.due_after(d("2026-03-31"), d("2026-03-01")),
            Some(d("2026-04-14"))
        );
    }

    #[test]
    fn lsis_wants_a_meeting_a_month_after_the_first_month() {
        // The first month ends on the same date of the next month, that day not included: a
        // meeting on 1 April, after a start on 1 March, wants the next by 1 May.
        assert_eq!(
            Cadence::Lsis.due_after(d("2026-04-01"), d("2026-03-01")),
            Some(d("2026-05-01"))
        );
        assert!(!lsis_overdue(
            "2026-03-01",
            Some("2026-04-01"),
            "2026-05-01"
        ));
        assert!(lsis_overdue("2026-03-01", Some("2026-04-01"), "2026-05-02"));
        // A month is a calendar month, not 30 days: after 15 March (31 days to 15 April)...
        let start = d("2026-01-10");
        assert_eq!(
            Cadence::Lsis.due_after(d("2026-03-15"), start),
            Some(d("2026-04-15"))
        );
        // ... after 15 April (30 days to 15 May), after 15 February (28 days to 15 March).
        assert_eq!(
            Cadence::Lsis.due_after(d("2026-04-15"), start),
            Some(d("2026-05-15"))
        );
        assert_eq!(
            Cadence::Lsis.due_after(d("2026-02-15"), start),
            Some(d("2026-03-15"))
        );
        // The 31st of a month is followed by the last day of a shorter one; 30 April by 30 May.
        assert_eq!(
            Cadence::Lsis.due_after(d("2026-03-31"), start),
            Some(d("2026-04-30"))
        );
        assert_eq!(
            Cadence::Lsis.due_after(d("2026-01-31"), d("2025-12-01")),
            Some(d("2026-02-28"))
        );
        assert_eq!(
            Cadence::Lsis.due_after(d("2028-01-31"), d("2027-12-01")),
            Some(d("2028-02-29"))
        );
        assert_eq!(
            Cadence::Lsis.due_after(d("2026-04-30"), start),
            Some(d("2026-05-30"))
        );
        assert!(!lsis_overdue(
            "2025-12-01",
            Some("2026-01-31"),
            "2026-02-28"
        ));
        assert!(lsis_overdue("2025-12-01", Some("2026-01-31"), "2026-03-01"));
        // A start on the 31st: its first month ends with February.
        assert_eq!(
            Cadence::Lsis.due_after(d("2026-02-27"), d("2026-01-31")),
            Some(d("2026-03-13")),
            "27 February is still the first month"
        );
        assert_eq!(
            Cadence::Lsis.due_after(d("2026-02-28"), d("2026-01-31")),
            Some(d("2026-03-28")),
            "28 February is not"
        );
    }

    #[test]
    fn lsis_gaps_follow_the_phase_of_the_meeting_they_start_from() {
        let g = meeting_gaps(
            [
                d("2026-03-01"),
                d("2026-03-16"), // 15 days, in the first month: over
                d("2026-03-30"), // 14 days: on time
                d("2026-04-28"), // 29 days after a first-month meeting: over
                d("2026-05-28"), // a month: on time
                d("2026-06-29"), // a month and a day: over
            ],
            d("2026-03-01"),
            Cadence::Lsis,
            d("2026-07-29"),
        );
        let over: Vec<_> = g.gaps_over_cadence.iter().map(|x| x.to).collect();
        assert_eq!(over, [d("2026-03-16"), d("2026-04-28"), d("2026-06-29")]);
        assert!(!g.overdue, "29 July is a month after 29 June");
    }

    #[test]
    fn cadences_at_the_end_of_the_calendar_have_no_due_date_and_no_panic() {
        let end = NaiveDate::MAX;
        assert_eq!(Cadence::Lsis.due_after(end, end), None);
        assert_eq!(Cadence::Days(14).due_after(end, end), None);
        assert_eq!(
            Cadence::Days(u32::MAX).due_after(d("2026-01-01"), d("2026-01-01")),
            None
        );
        assert!(!meeting_gaps([end], end, Cadence::Lsis, end).overdue);
        let min = NaiveDate::MIN;
        assert!(meeting_gaps([], min, Cadence::Lsis, end).overdue);
    }

    #[test]
    fn the_lsis_rhythm_is_named_in_the_guide_s_words() {
        assert_eq!(
            Cadence::Lsis.phrase(),
            "the LSIS rhythm: once a fortnight for the first month, and once a month thereafter"
        );
        assert_eq!(Cadence::Days(14).phrase(), "a meeting every 14 days");
        assert_eq!(Cadence::Days(0).phrase(), "no target");
    }

    #[test]
    fn zero_cadence_means_no_target() {
        let g = meeting_gaps(
            [d("2020-01-01")],
            d("2020-01-01"),
            Cadence::Days(0),
            d("2026-01-01"),
        );
        assert!(!g.overdue);
        assert!(g.gaps_over_cadence.is_empty());
    }

    fn goal(target: Option<&str>, status: GoalStatus) -> Goal {
        Goal {
            by: Default::default(),
            version: SCHEMA_VERSION,
            id: "g".into(),
            created: d("2026-01-01"),
            learning_goal: String::new(),
            objective: "x".into(),
            mentee_actions: String::new(),
            mentor_actions: String::new(),
            support_actions: String::new(),
            barriers: String::new(),
            success_measures: String::new(),
            target: target.map(d),
            status,
            agreed: Vec::new(),
            comments: Vec::new(),
            reviews: vec![],
        }
    }

    #[test]
    fn overdue_goals_are_open_and_past_target() {
        let today = d("2026-11-23");
        assert!(goal_is_overdue(
            &goal(Some("2026-11-22"), GoalStatus::InProgress),
            today
        ));
        assert!(!goal_is_overdue(
            &goal(Some("2026-11-23"), GoalStatus::InProgress),
            today
        ));
        assert!(!goal_is_overdue(
            &goal(Some("2026-01-01"), GoalStatus::Achieved),
            today
        ));
        assert!(!goal_is_overdue(&goal(None, GoalStatus::NotStarted), today));
    }

    #[test]
    fn workload_counts_open_and_overdue() {
        let today = d("2026-11-23");
        let mut m = Meeting::new("m".into(), d("2026-11-01"));
        m.action_items = vec![
            ActionItem {
                id: "a".into(),
                text: "read".into(),
                owner: Owner::Mentee,
                due: Some(d("2026-11-02")),
                done: false,
            },
            ActionItem {
                id: "b".into(),
                text: "plan".into(),
                owner: Owner::Mentor,
                due: Some(d("2026-11-02")),
                done: true,
            },
            ActionItem {
                id: "c".into(),
                text: "observe".into(),
                owner: Owner::SupportNetwork,
                due: None,
                done: false,
            },
        ];
        let goals = [
            goal(Some("2026-11-01"), GoalStatus::NotStarted),
            goal(None, GoalStatus::InProgress),
            goal(Some("2026-11-01"), GoalStatus::Dropped),
        ];
        let w = workload(&goals, [&m], today);
        assert_eq!(
            w,
            Workload {
                open_goals: 2,
                overdue_goals: 1,
                open_actions: 2,
                overdue_actions: 1
            }
        );
    }

    #[test]
    fn progress_percent_and_completion() {
        let p = Progress {
            achieved: 1,
            total: 3,
        };
        assert_eq!(p.percent(), 33);
        assert!(!p.complete());
        assert_eq!(Progress::default().percent(), 0);
        assert!(!Progress::default().complete());
        assert!(
            Progress {
                achieved: 2,
                total: 2
            }
            .complete()
        );
    }
}

//! Dates as people type them: `2026-11-20`, `today`, `yesterday`, `tomorrow`, `+2w`, `-3d`.

use chrono::{Days, Months, NaiveDate};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "could not read '{input}' as a date: use a date like 2026-11-20, or today, yesterday, \
     tomorrow, or an offset such as +2w, -3d, +1m (days, weeks, months, years)"
)]
pub struct DateError {
    pub input: String,
}

/// Parse a date relative to `today`. Pure: the caller supplies today's date.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = input.trim().to_ascii_lowercase();
    let err = || DateError {
        input: input.to_string(),
    };
    match s.as_str() {
        "today" | "now" => return Ok(today),
        "yesterday" => return today.checked_sub_days(Days::new(1)).ok_or_else(err),
        "tomorrow" => return today.checked_add_days(Days::new(1)).ok_or_else(err),
        _ => {}
    }
    if let Some(rest) = s.strip_prefix('+').or_else(|| s.strip_prefix('-')) {
        let forward = s.starts_with('+');
        let (digits, unit) =
            rest.split_at(rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(err)?);
        let n: u32 = digits.parse().map_err(|_| err())?;
        let (days, months) = match unit {
            "d" | "day" | "days" => (u64::from(n), 0),
            "w" | "week" | "weeks" => (u64::from(n) * 7, 0),
            "m" | "month" | "months" => (0, n),
            "y" | "year" | "years" => (0, n.checked_mul(12).ok_or_else(err)?),
            _ => return Err(err()),
        };
        let moved = if forward {
            today
                .checked_add_days(Days::new(days))
                .and_then(|d| d.checked_add_months(Months::new(months)))
        } else {
            today
                .checked_sub_days(Days::new(days))
                .and_then(|d| d.checked_sub_months(Months::new(months)))
        };
        return moved.ok_or_else(err);
    }
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| err())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn absolute_and_named_dates() {
        let today = d("2026-11-23");
        assert_eq!(parse_date("2026-11-20", today), Ok(d("2026-11-20")));
        assert_eq!(parse_date(" Today ", today), Ok(today));
        assert_eq!(parse_date("yesterday", today), Ok(d("2026-11-22")));
        assert_eq!(parse_date("tomorrow", today), Ok(d("2026-11-24")));
    }

    #[test]
    fn offsets_cross_months_and_years() {
        let today = d("2026-12-30");
        assert_eq!(parse_date("+2w", today), Ok(d("2027-01-13")));
        assert_eq!(parse_date("-3d", today), Ok(d("2026-12-27")));
        assert_eq!(parse_date("+1m", today), Ok(d("2027-01-30")));
        assert_eq!(parse_date("+2months", today), Ok(d("2027-02-28")));
        assert_eq!(parse_date("-1y", today), Ok(d("2025-12-30")));
    }

    #[test]
    fn nonsense_is_an_error_that_says_what_to_type() {
        let today = d("2026-11-23");
        for bad in [
            "",
            "2026-13-01",
            "next tuesday",
            "+w",
            "+2x",
            "+99999999999d",
            "2026/11/20",
        ] {
            let e = parse_date(bad, today).unwrap_err();
            assert!(e.to_string().contains("2026-11-20"), "{bad}: {e}");
        }
    }
}

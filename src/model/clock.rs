//! The one place mentorlog asks the time. `chrono::Utc::now()` and `Local::now()` panic when
//! the system clock is before 1970 ("system time before Unix epoch"); these never panic: a
//! clock outside 1970-01-01 .. 9999-12-30 (UTC) reads as the nearest end of that range, so
//! dates keep their four-digit years and file names stay sortable.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Local, NaiveDate, Utc};

/// 9999-12-30T00:00:00Z: a day short of the end of year 9999, so no time zone pushes the local
/// date into year 10000.
const LATEST: i64 = 253_402_041_600;

/// Now, from the given system time, clamped to the sane range.
pub fn utc_at(t: SystemTime) -> DateTime<Utc> {
    let (secs, nanos) = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => match i64::try_from(d.as_secs()) {
            Ok(s) if s < LATEST => (s, d.subsec_nanos()),
            _ => (LATEST, 0),
        },
        // Before 1970: the clock is wrong; read it as the start of the range.
        Err(_) => (0, 0),
    };
    DateTime::from_timestamp(secs, nanos).unwrap_or(DateTime::UNIX_EPOCH)
}

/// Now, in UTC.
pub fn now_utc() -> DateTime<Utc> {
    utc_at(SystemTime::now())
}

/// Now, in the local time zone.
pub fn now_local() -> DateTime<Local> {
    now_utc().with_timezone(&Local)
}

/// Today's local date.
pub fn today() -> NaiveDate {
    now_local().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use std::time::Duration;

    #[test]
    fn clocks_out_of_range_are_clamped_not_panicking() {
        let before = UNIX_EPOCH - Duration::from_secs(86_400 * 200);
        assert_eq!(utc_at(before), DateTime::UNIX_EPOCH);
        let far = UNIX_EPOCH + Duration::from_secs(u64::MAX / 4);
        assert_eq!(utc_at(far).year(), 9999);
        let y2999 = UNIX_EPOCH + Duration::from_secs(32_472_144_000);
        assert_eq!(utc_at(y2999).year(), 2999);
        assert!(today().year() >= 1969);
    }
}

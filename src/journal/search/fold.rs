//! Text searched regardless of case, with no lowercase copy of what is ASCII (nearly all of
//! a journal): ASCII text is compared as it is, ignoring ASCII case. The copies doubled the
//! search index's memory and were most of the time to build it.

/// The lowercase copy `text` needs for searching: none (empty) when it is ASCII.
pub fn copy(text: &str) -> String {
    if text.is_ascii() {
        String::new()
    } else {
        text.to_lowercase()
    }
}

/// A text made searchable regardless of case, from the text and its [`copy`]. Needles are
/// lowercase; offsets are in [`Folded::text`].
#[derive(Clone, Copy)]
pub struct Folded<'a> {
    hay: &'a str,
    ascii: bool,
}

impl<'a> Folded<'a> {
    pub fn new(text: &'a str, copy: &'a str) -> Folded<'a> {
        // Only an ASCII (or empty) text has an empty copy.
        if copy.is_empty() {
            Folded {
                hay: text,
                ascii: true,
            }
        } else {
            Folded {
                hay: copy,
                ascii: false,
            }
        }
    }

    /// The text searched: the lowercase copy, or the ASCII text itself (whose lowercase has
    /// the same characters at the same places).
    pub fn text(&self) -> &'a str {
        self.hay
    }

    /// Where `needle` (lowercase) first is, in bytes of [`Folded::text`].
    pub fn find(&self, needle: &str) -> Option<usize> {
        if !self.ascii {
            return self.hay.find(needle);
        }
        if !needle.is_ascii() {
            return None; // the lowercase of ASCII text is ASCII
        }
        let (hay, needle) = (self.hay.as_bytes(), needle.as_bytes());
        if needle.is_empty() {
            return Some(0);
        }
        // Each place the needle's rarest byte is (in either case) is tried, in order: the
        // fewer such places, the fewer tries. A needle starting `hay[at..]` has that byte at
        // `at + k`, so the places in `hay[k..]` are the starts, first to last.
        let k = rarest(needle);
        let b = needle[k];
        memchr::memchr2_iter(b, b.to_ascii_uppercase(), hay.get(k..)?).find(|&at| {
            hay.get(at..at + needle.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(needle))
        })
    }

    /// The set of characters in the text searched, as [`needle_letters`] makes one: kept
    /// with each document, so that a title without a letter typed is passed over without a
    /// look at its text.
    pub fn letters(&self) -> u64 {
        if self.ascii {
            self.hay
                .bytes()
                .fold(0, |set, b| set | bit(char::from(b.to_ascii_lowercase())))
        } else {
            self.hay.chars().fold(0, |set, c| set | bit(c))
        }
    }

    pub fn contains(&self, needle: &str) -> bool {
        self.find(needle).is_some()
    }

    /// The letters of `needle` (lowercase, spaces aside) in order: what a fuzzy match
    /// needs, tested far more cheaply than the matcher does.
    pub fn in_order(&self, needle: &str) -> bool {
        let letters = needle.chars().filter(|c| !c.is_whitespace());
        if self.ascii {
            let mut hay = self.hay.bytes();
            letters
                .map(|c| u8::try_from(c).ok().filter(u8::is_ascii))
                .all(|c| c.is_some_and(|c| hay.any(|h| h.to_ascii_lowercase() == c)))
        } else {
            let mut hay = self.hay.chars();
            letters.into_iter().all(|c| hay.any(|h| h == c))
        }
    }
}

/// Where in `needle` (lowercase ASCII, not empty) its rarest byte in English text is, the
/// first of equals: a space or a common letter is tried at every turn of a note.
fn rarest(needle: &[u8]) -> usize {
    const COMMON: &[u8] = b" etaoinsrhldcumfpgwybvkxjqz";
    let rarity = |b: u8| {
        COMMON
            .iter()
            .position(|&c| c == b)
            .unwrap_or(COMMON.len() - 8)
    };
    let mut best = 0;
    for (i, &b) in needle.iter().enumerate() {
        if rarity(b) > rarity(needle[best]) {
            best = i;
        }
    }
    best
}

/// The bit of character `c` (lowercase) in a set of [`Folded::letters`]: one for each ASCII
/// letter and digit, one for every other character.
fn bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << 63,
    }
}

/// The set of characters of `needle` (lowercase), spaces aside: a text holding `needle`, or
/// its letters in order, has each of them among its [`Folded::letters`].
pub fn needle_letters(needle: &str) -> u64 {
    needle
        .chars()
        .filter(|c| !c.is_whitespace())
        .fold(0, |set, c| set | bit(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every answer is the one a lowercase copy gives.
    #[test]
    fn finds_what_a_lowercase_copy_finds() {
        let texts = [
            "Sam identified TWO moments",
            "Plenary: three OPEN questions",
            "Émile asked about the ÉVALUATION",
            "",
            "ascii only, with punctuation -- and 2024-06-19",
            "İstanbul trip: KELVIN sign K",
            "w two, TWO and two",
            "Question: questions? QUESTIONS",
        ];
        let needles = [
            "two",
            "open q",
            "é",
            "évaluation",
            "",
            "2024-06",
            "-- and",
            "kelvin",
            "k",
            "i̇",
            "zzz",
            "sam identified two moments and more",
            "moments",
            "identified two",
            "questions",
            "n q",
            "2024-06-1",
            "ptional",
        ];
        for text in texts {
            let copy = copy(text);
            let folded = Folded::new(text, &copy);
            let lower = text.to_lowercase();
            assert_eq!(folded.text().chars().count(), lower.chars().count());
            for needle in needles {
                assert_eq!(
                    folded.find(needle),
                    lower.find(needle),
                    "'{needle}' in '{text}'"
                );
                let letters = needle.replace(' ', "");
                let mut hay = lower.chars();
                let in_order = letters.chars().all(|c| hay.any(|h| h == c));
                assert_eq!(folded.in_order(needle), in_order, "'{needle}' in '{text}'");
                let need = needle_letters(needle);
                if in_order || folded.find(needle).is_some() {
                    assert_eq!(folded.letters() & need, need, "'{needle}' in '{text}'");
                }
            }
        }
    }

    /// A letter set tells a text lacking a letter typed, in any case.
    #[test]
    fn a_texts_letters_are_its_characters_in_lowercase() {
        let title = Folded::new("Plenary Q&A, 2026", "");
        assert_eq!(
            title.letters() & needle_letters("plen"),
            needle_letters("plen")
        );
        assert_eq!(
            title.letters() & needle_letters("q 2"),
            needle_letters("q 2")
        );
        assert_ne!(title.letters() & needle_letters("z"), needle_letters("z"));
        assert_ne!(title.letters() & needle_letters("9"), needle_letters("9"));
        assert_eq!(needle_letters("ab ab"), needle_letters("ba"));
        let accented = copy("ÉVALUATION");
        let folded = Folded::new("ÉVALUATION", &accented);
        assert_eq!(
            folded.letters() & needle_letters("év"),
            needle_letters("év")
        );
    }

    /// The same over generated ASCII texts and needles, of letters whose rarity differs, so
    /// that the rarest byte is first, last, repeated or in the text before a match.
    #[test]
    fn finds_in_generated_texts_what_a_lowercase_copy_finds() {
        let alphabet = b"eEzZqQ x-";
        let mut seed = 0x2545_f491_u32;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize % n
        };
        for _ in 0..3000 {
            let len = 1 + next(4);
            let chars: Vec<char> = (0..24 + len)
                .map(|_| char::from(alphabet[next(alphabet.len())]))
                .collect();
            let text: String = chars[..24].iter().collect();
            let needle: String = chars[24..].iter().collect::<String>().to_ascii_lowercase();
            let folded = Folded::new(&text, "");
            assert_eq!(
                folded.find(&needle),
                text.to_lowercase().find(&needle),
                "'{needle}' in '{text}'"
            );
        }
    }

    #[test]
    fn ascii_text_needs_no_copy() {
        assert!(copy("Sam Lee: Plenaries").is_empty());
        assert_eq!(copy("ÉVALUATION"), "évaluation");
    }
}

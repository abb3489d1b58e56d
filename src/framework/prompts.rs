//! Prompt banks (question lists from the sources) are data too: `assets/prompts.ron`.

use serde::{Deserialize, Serialize};

/// Every bank, with the citation they are transcribed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptBanks {
    /// Citation, and a note of every mend made to the extracted text.
    pub source: String,
    pub banks: Vec<PromptBank>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptBank {
    /// Stable id, e.g. "first-conversation".
    pub id: String,
    pub title: String,
    /// Who answers: "mentee", "mentor" or "both".
    pub audience: String,
    /// The citation of a bank from another source than the file's, and its mends.
    #[serde(default)]
    pub source: Option<String>,
    /// The bank's introduction, verbatim, if the source has one.
    #[serde(default)]
    pub description: Option<String>,
    /// Each question or prompt, verbatim.
    pub prompts: Vec<String>,
}

impl PromptBanks {
    pub fn bank(&self, id: &str) -> Option<&PromptBank> {
        self.banks.iter().find(|b| b.id == id)
    }

    /// A bank as an agenda to write notes under: its title, then each question as a bullet.
    pub fn agenda(&self, id: &str) -> Option<String> {
        let bank = self.bank(id)?;
        let mut out = format!("Agenda ({}):\n", bank.title);
        for q in &bank.prompts {
            out.push_str(&format!("- {q}\n"));
        }
        Some(out)
    }
}

/// The prompt banks shipped inside the binary (`assets/prompts.ron`).
pub fn bundled_prompts() -> PromptBanks {
    // The file is checked by the test suite; should it ever fail to parse, prompts are simply absent.
    crate::model::ron_options()
        .from_str(include_str!("../../assets/prompts.ron"))
        .unwrap_or(PromptBanks {
            source: String::new(),
            banks: Vec::new(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_banks_load_and_make_an_agenda() {
        let banks = bundled_prompts();
        assert!(!banks.banks.is_empty(), "assets/prompts.ron did not parse");
        let agenda = banks.agenda("first-conversation").unwrap();
        assert!(agenda.starts_with("Agenda (Role-focused mentoring: Questions to guide the first mentoring conversation):\n- "));
        assert!(banks.agenda("nope").is_none());
    }
}

//! People in a journal: the owner and every member, each with a role, the partnerships a
//! mentee belongs to and SSH public keys; and who made each record.

use serde::{Deserialize, Serialize};

use super::Role;

/// A person the journal knows (other than its owner, who is the profile).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Stable id, e.g. "sam-lee" (what `--as` and authorship name).
    pub id: String,
    pub name: String,
    pub role: Role,
    /// Ids of the partnerships this member belongs to (a mentee's own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partnerships: Vec<String>,
    /// SSH public keys, as in an `authorized_keys` line (`ssh-ed25519 AAAA... comment`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
}

/// Who created a record and who last changed it (member ids). A record written before
/// members existed has neither: the owner made it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct By {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<String>,
}

impl By {
    pub fn is_empty(&self) -> bool {
        self.created.is_none() && self.changed.is_none()
    }

    /// Say `who` wrote this record now. A new record was made by `who`; one that says
    /// nothing of its maker was made before members existed, by `owner`.
    pub fn stamp(&mut self, who: &str, created: bool, owner: &str) {
        if self.created.is_none() {
            self.created = Some(if created { who } else { owner }.to_string());
        }
        self.changed = Some(who.to_string());
    }
}

/// The owner's member id: the profile's, else one made from its name (`name` when there is
/// no profile yet).
pub fn owner_id(profile: Option<&super::Profile>, name: &str) -> String {
    let id = match profile {
        Some(p) => p.id.clone().unwrap_or_else(|| member_id(&p.name)),
        None => member_id(name),
    };
    // A name with no letters or digits still gives the owner an id.
    if id.is_empty() { "owner".into() } else { id }
}

/// A member id made from a name: "Sam Lee" -> "sam-lee".
pub fn member_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_keeps_the_maker_and_names_the_last_writer() {
        let mut by = By::default();
        by.stamp("jo-taylor", true, "jo-taylor");
        by.stamp("sam-lee", false, "jo-taylor");
        assert_eq!(by.created.as_deref(), Some("jo-taylor"));
        assert_eq!(by.changed.as_deref(), Some("sam-lee"));
        // A record from before members existed was the owner's.
        let mut old = By::default();
        old.stamp("sam-lee", false, "jo-taylor");
        assert_eq!(old.created.as_deref(), Some("jo-taylor"));
        assert_eq!(member_id("  Sam  O'Lee "), "sam-o-lee");
        assert_eq!(member_id("Zoë Brown"), "zoë-brown");
    }
}

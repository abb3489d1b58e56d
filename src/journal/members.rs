//! People in the journal: the owner (the profile) and its members, each with a role, the
//! partnerships they belong to and their SSH keys; and who the journal is acting for, whose
//! name every write carries (`By`).

use super::{Journal, OpError, OpResult};
use crate::model::{Journal as JournalFile, Member, Profile, Role, SCHEMA_VERSION, member_id};
use crate::store::{AnyRecord, Write};

/// A person in the journal as front ends show them: the owner first.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub owner: bool,
    pub partnerships: Vec<String>,
    pub keys: Vec<String>,
}

/// A public key as `authorized_keys` holds it: `TYPE BASE64 [COMMENT]`, one line.
pub fn check_key(line: &str) -> Result<String, String> {
    let line = line.trim();
    let mut parts = line.split_whitespace();
    let (Some(kind), Some(data)) = (parts.next(), parts.next()) else {
        return Err("a public key is one line: TYPE KEY [COMMENT] (e.g. the .pub file)".into());
    };
    let known = [
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
    ];
    if !known.contains(&kind) {
        return Err(format!(
            "'{kind}' is not an SSH public key type (a .pub file starts with ssh-ed25519 ...)"
        ));
    }
    if data.len() < 16
        || !data
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
    {
        return Err("the key's second word is not base64: is this the .pub file?".into());
    }
    Ok(line.split_whitespace().collect::<Vec<_>>().join(" "))
}

pub(crate) use crate::model::owner_id as owner_id_of;

/// The first two words of a key line (`TYPE BASE64`): a key, its comment aside.
pub fn key_words(line: &str) -> Option<(&str, &str)> {
    let mut w = line.split_whitespace();
    Some((w.next()?, w.next()?))
}

/// Everyone the journal file names, its owner first.
fn people_of(j: &JournalFile, owner_id: String) -> Vec<Person> {
    let mut out = vec![Person {
        id: owner_id,
        name: j.profile.name.clone(),
        role: j.profile.role,
        owner: true,
        partnerships: Vec::new(),
        keys: j.profile.keys.clone(),
    }];
    out.extend(j.members.iter().map(|m| Person {
        id: m.id.clone(),
        name: m.name.clone(),
        role: m.role,
        owner: false,
        partnerships: m.partnerships.clone(),
        keys: m.keys.clone(),
    }));
    out
}

/// Who may come in with public key `key` (an `authorized_keys` line): the person of the
/// journal in `store`, as it is on disk now, who holds it. The door of a server: a key
/// added or a member removed counts from the next sign-in.
pub fn key_holder(store: &crate::store::Store, key: &str) -> Result<Option<Person>, OpError> {
    let Some(want) = key_words(key) else {
        return Ok(None);
    };
    let Some(j) = store.read_journal()? else {
        return Ok(None);
    };
    let people = people_of(&j, owner_id_of(Some(&j.profile), ""));
    Ok(people
        .into_iter()
        .find(|p| p.keys.iter().any(|k| key_words(k) == Some(want))))
}

impl Journal {
    /// The one rule of who may see a record: one not marked private, anyone this audience
    /// is; one marked private, only its author (a record that names none is the owner's).
    pub fn may_see(
        &self,
        audience: super::Audience,
        private: bool,
        by: Option<&crate::model::By>,
    ) -> bool {
        use super::Audience;
        if !private {
            return true;
        }
        let owner = self.owner_id();
        let author = by
            .and_then(|b| b.created.clone())
            .unwrap_or_else(|| owner.clone());
        match audience {
            Audience::Owner => author == owner,
            Audience::Review => false,
            Audience::Member(m) => self.viewers.get(m.0).is_some_and(|id| *id == author),
        }
    }

    /// The audience of a session acting as member `query`: the owner's own view for the
    /// owner, else only what that member may see.
    pub fn audience_of(&mut self, query: &str) -> Result<(super::Audience, Person), OpError> {
        let p = self.find_person(query)?;
        if p.owner {
            return Ok((super::Audience::Owner, p));
        }
        let i = match self.viewers.iter().position(|v| *v == p.id) {
            Some(i) => i,
            None => {
                self.viewers.push(p.id.clone());
                self.viewers.len() - 1
            }
        };
        Ok((super::Audience::Member(super::reader::MemberRef(i)), p))
    }

    /// The partnerships member `m` may see (`None`: all of them, for a coordinator).
    pub(super) fn member_partnerships(&self, m: super::reader::MemberRef) -> Option<Vec<String>> {
        let id = self.viewers.get(m.0)?;
        let j = self.snap.journal.as_ref()?;
        match j.value.members.iter().find(|x| x.id == *id) {
            Some(x) if x.role == Role::Coordinator => None,
            Some(x) => Some(x.partnerships.clone()),
            // Removed from the journal meanwhile: nothing.
            None => Some(Vec::new()),
        }
    }

    /// The journal file as read, or the one a first write creates.
    pub(super) fn journal_value(&self) -> JournalFile {
        self.snap
            .journal
            .as_ref()
            .map(|j| j.value.clone())
            .unwrap_or_else(|| JournalFile {
                version: SCHEMA_VERSION,
                profile: Profile {
                    name: self.owner_name.clone(),
                    role: Role::Mentor,
                    ..Profile::default()
                },
                members: Vec::new(),
                settings: Default::default(),
            })
    }

    /// The owner's member id.
    pub fn owner_id(&self) -> String {
        owner_id_of(
            self.snap.journal.as_ref().map(|j| &j.value.profile),
            &self.owner_name,
        )
    }

    /// Everyone in the journal, the owner first.
    pub fn people(&self) -> Vec<Person> {
        people_of(&self.journal_value(), self.owner_id())
    }

    /// The person `query` names: an id, a name, or the start of either (case aside).
    pub fn find_person(&self, query: &str) -> Result<Person, OpError> {
        let q = query.trim().to_lowercase();
        let people = self.people();
        if let Some(p) = people
            .iter()
            .find(|p| p.id == q || p.name.to_lowercase() == q)
        {
            return Ok(p.clone());
        }
        let starts: Vec<&Person> = people
            .iter()
            .filter(|p| p.id.starts_with(&q) || p.name.to_lowercase().starts_with(&q))
            .collect();
        match starts.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(OpError::Refused(format!(
                "nobody in the journal is '{query}': `mentorlog member list` shows who is"
            ))),
            many => Err(OpError::Refused(format!(
                "'{query}' could be {}: say which",
                many.iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" or ")
            ))),
        }
    }

    /// The name of the member with id `id` (the owner's for none), for "by ..." lines.
    pub fn person_name(&self, id: Option<&str>) -> String {
        let people = self.people();
        match id {
            None => people[0].name.clone(),
            Some(id) => people
                .iter()
                .find(|p| p.id == id)
                .map_or_else(|| id.to_string(), |p| p.name.clone()),
        }
    }

    /// Who this journal writes for now (the owner unless `act_as` said otherwise).
    pub fn actor(&self) -> String {
        self.actor.clone().unwrap_or_else(|| self.owner_id())
    }

    /// Write as member `query` from now on (a session acting for a member).
    pub fn act_as(&mut self, query: &str) -> Result<Person, OpError> {
        let p = self.find_person(query)?;
        self.actor = Some(p.id.clone());
        // Which version of a conflict is "yours" depends on who is asking.
        self.compare_conflicts();
        Ok(p)
    }

    /// Refuse what only the journal's owner does, in a session acting for a member.
    fn owner_only(&self, what: &str) -> Result<(), OpError> {
        if self.actor() == self.owner_id() {
            return Ok(());
        }
        Err(OpError::Refused(format!(
            "only the journal's owner {what}: this session is {}'s",
            self.person_name(Some(&self.actor()))
        )))
    }

    /// The write that puts `journal` in place of the journal file as read.
    fn journal_write(&self, journal: JournalFile) -> Write {
        let path = self.store.journal_path();
        match &self.snap.journal {
            Some(b) => Write::save(
                path,
                Some(AnyRecord::Journal(b.value.clone())),
                AnyRecord::Journal(journal),
            ),
            None => Write::create(path, AnyRecord::Journal(journal)),
        }
    }

    /// Add a member: a person with a role, the partnerships they belong to (ids or names)
    /// and their SSH public keys (lines of `.pub` files).
    pub fn add_member(
        &mut self,
        name: &str,
        role: Role,
        partnerships: &[String],
        keys: &[String],
    ) -> OpResult {
        self.owner_only("adds members")?;
        // A name is shown on every screen: no escape sequence or control character in it.
        let cleaned = crate::model::text::clean(name);
        let name = cleaned.trim();
        if name.is_empty() {
            return Err(OpError::Refused(
                "give the member's name, e.g. `mentorlog member add \"Sam Lee\" --role mentee`"
                    .into(),
            ));
        }
        let id = member_id(name);
        if id.is_empty() {
            return Err(OpError::Refused(format!(
                "'{name}' has no letters or digits to make an id from"
            )));
        }
        if self.people().iter().any(|p| p.id == id) {
            return Err(OpError::Refused(format!(
                "{name} is already in the journal (as '{id}'): `mentorlog member list` shows who is"
            )));
        }
        let reader = self.reader(super::Audience::Owner);
        let mut pids = Vec::new();
        for q in partnerships {
            let p = reader.find_partner(q).map_err(OpError::Refused)?;
            pids.push(p.id().to_string());
        }
        let checked = self.new_keys(keys)?;
        let mut journal = self.journal_value();
        let owner = self.owner_id();
        // The owner's id is kept from now on, so renaming the owner keeps who made what.
        journal.profile.id.get_or_insert(owner);
        journal.members.push(Member {
            id: id.clone(),
            name: name.to_string(),
            role,
            partnerships: pids,
            keys: checked,
        });
        let mut w = vec![self.journal_write(journal)];
        w.extend(self.layout_mark_write());
        let mut o = self.apply(format!("Member {name} ({role})"), w, Vec::new())?;
        o.record = Some(self.store.journal_path());
        Ok(o)
    }

    /// Keys checked to be keys, and held by nobody yet (a key signs in one person).
    fn new_keys(&self, keys: &[String]) -> Result<Vec<String>, OpError> {
        let people = self.people();
        let mut checked: Vec<String> = Vec::new();
        for k in keys {
            let line = check_key(k).map_err(OpError::Refused)?;
            let words = key_words(&line);
            if let Some(holder) = people
                .iter()
                .find(|x| x.keys.iter().any(|h| key_words(h) == words))
            {
                return Err(OpError::Refused(format!(
                    "{} already holds this key: a key signs in one person",
                    holder.name
                )));
            }
            if !checked.iter().any(|c| key_words(c) == words) {
                checked.push(line);
            }
        }
        Ok(checked)
    }

    /// Give person `query` (the owner or a member) more SSH keys (lines of `.pub` files);
    /// a key someone already holds is refused, so a key always names one person.
    pub fn add_keys(&mut self, query: &str, keys: &[String]) -> OpResult {
        let p = self.find_person(query)?;
        let checked = self.new_keys(keys)?;
        let mut journal = self.journal_value();
        if p.owner {
            journal.profile.keys.extend(checked);
        } else if let Some(m) = journal.members.iter_mut().find(|m| m.id == p.id) {
            m.keys.extend(checked);
        }
        let owner = self.owner_id();
        journal.profile.id.get_or_insert(owner);
        let w = self.journal_write(journal);
        let n = keys.len();
        self.apply(
            format!("{} key{} for {}", n, if n == 1 { "" } else { "s" }, p.name),
            vec![w],
            Vec::new(),
        )
    }

    /// Remove a member (never the owner). What they wrote stays, still saying it was theirs.
    pub fn remove_member(&mut self, query: &str) -> OpResult {
        self.owner_only("removes members")?;
        let p = self.find_person(query)?;
        if p.owner {
            return Err(OpError::Refused(format!(
                "{} keeps this journal and cannot be removed",
                p.name
            )));
        }
        let mut journal = self.journal_value();
        journal.members.retain(|m| m.id != p.id);
        let w = self.journal_write(journal);
        self.apply(
            format!("Removed member {} ({})", p.name, p.role),
            vec![w],
            Vec::new(),
        )
    }
}

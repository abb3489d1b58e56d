//! The server's log: a file in the data directory (`.mentorlog/serve/serve.log`, 0600),
//! never the screen of a session. It says who came, from where, with which key, and why a
//! connection was refused or ended; never anything of the journal's text.

use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

pub struct Log {
    file: Mutex<std::fs::File>,
}

impl Log {
    pub fn open(root: &Path) -> Result<Log, crate::store::StoreError> {
        Ok(Log {
            file: Mutex::new(crate::store::server::open_log(root)?),
        })
    }

    /// One line, dated; what a client sent (a user name) is cleaned of control characters.
    pub fn line(&self, text: &str) {
        let when = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ");
        let text = crate::model::text::clean(text);
        let mut f = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(f, "{when} {text}");
    }
}

//! `mentorlog serve`: a built-in SSH server that serves the full-screen journal to the
//! people of the journal, each as themself. Sign-in is by public key only, against the keys
//! the journal's members hold (`member add --key`); a session gets the journal and nothing
//! else: no shell, no command, no forwarding of ports or agents, no $EDITOR. Each connection
//! is its own session (its own size, tab, cursor), locked to its member's role; all share
//! one data directory in this one process, so a change in one shows in the others at once,
//! and what the CLI or a local mentorlog writes meanwhile is picked up by the file watcher.

pub mod hub;
pub mod input;
mod keys;
mod log;
pub mod session;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use russh::keys::PublicKey;
use russh::server::{Auth, Handler, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, MethodKind, MethodSet};

use crate::journal::{Person, key_holder};
use crate::store::Store;
use hub::Hub;
use session::Event;

/// How `serve` runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen, e.g. `127.0.0.1:2222`.
    pub listen: String,
    /// Connections at once, at most.
    pub max_connections: usize,
    /// A session with no key for this long is closed.
    pub idle: Duration,
    /// Today, when fixed (for tests); else the day each session starts.
    pub today: Option<chrono::NaiveDate>,
}

/// What every connection shares.
struct Shared {
    store: Store,
    owner_name: String,
    opts: Options,
    hub: Arc<Hub>,
    log: Arc<log::Log>,
    connections: AtomicUsize,
}

/// Counts a connection while it lasts.
struct Slot(Arc<Shared>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One connection, from its first byte to its last.
struct Conn {
    shared: Arc<Shared>,
    peer: String,
    person: Option<Person>,
    channel: Option<ChannelId>,
    size: Option<(u16, u16)>,
    tell: Option<std::sync::mpsc::Sender<Event>>,
    _slot: Slot,
}

impl Drop for Conn {
    fn drop(&mut self) {
        if let Some(tell) = &self.tell {
            let _ = tell.send(Event::Closed);
        }
    }
}

impl Conn {
    /// The person holding `key`, if the journal knows one.
    fn holder(&self, key: &PublicKey) -> Option<Person> {
        let line = keys::openssh_line(key);
        match key_holder(&self.shared.store, &line) {
            Ok(p) => p,
            Err(e) => {
                self.shared
                    .log
                    .line(&format!("could not read the journal's members: {e}"));
                None
            }
        }
    }

    fn tell(&self, ev: Event) {
        if let Some(t) = &self.tell {
            let _ = t.send(ev);
        }
    }

    /// Start the session: its thread draws the journal, a task sends what it draws.
    fn start(&mut self, channel: ChannelId, session: &mut Session) {
        let Some(person) = self.person.clone() else {
            return;
        };
        let size = self.size.unwrap_or((80, 24));
        let (tell, events) = std::sync::mpsc::channel();
        let (out, mut frames) = tokio::sync::mpsc::channel::<Vec<u8>>(session::QUEUE);
        let handle = session.handle();
        tokio::spawn(async move {
            while let Some(frame) = frames.recv().await {
                if handle.data(channel, frame).await.is_err() {
                    break;
                }
            }
            let _ = handle.exit_status_request(channel, 0).await;
            let _ = handle.eof(channel).await;
            let _ = handle.close(channel).await;
        });
        let shared = self.shared.clone();
        let id = shared.hub.join(&person.name, tell.clone());
        self.tell = Some(tell);
        let today = shared
            .opts
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let start = session::Start {
            id,
            store: shared.store.clone(),
            today,
            owner_name: shared.owner_name.clone(),
            member: person.id.clone(),
            size,
            idle: shared.opts.idle,
            hub: shared.hub.clone(),
            events,
            out,
        };
        let peer = self.peer.clone();
        std::thread::spawn(move || {
            let reason = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                session::run(start)
            })) {
                Ok(r) => r,
                Err(_) => "the session failed (see the server's log)".to_string(),
            };
            shared.hub.leave(id);
            shared.log.line(&format!(
                "session {id} of {} ({peer}) ended: {reason}",
                person.name
            ));
        });
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Spares a signature for a key nobody holds.
        if self.holder(offer.public_key).is_some() {
            Ok(Auth::Accept)
        } else {
            self.shared.log.line(&format!(
                "refused key {} for user '{user}' from {}: no member holds it",
                keys::fingerprint(offer.public_key),
                self.peer
            ));
            Ok(Auth::reject())
        }
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let Some(p) = self.holder(key.public_key) else {
            return Ok(Auth::reject());
        };
        self.shared.log.line(&format!(
            "signed in: {} ({}) as user '{user}' from {}, key {}",
            p.name,
            p.role,
            self.peer,
            keys::fingerprint(key.public_key)
        ));
        self.person = Some(p);
        Ok(Auth::Accept)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One screen per connection.
        if self.channel.is_some() || self.person.is_none() {
            drop(reply);
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = Some(session::clamp_size(col_width, row_height));
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel != Some(channel) || self.tell.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        if self.size.is_none() {
            session.channel_success(channel)?;
            session.data(
                channel,
                b"mentorlog: the journal needs a terminal: connect with `ssh -t`\r\n".to_vec(),
            )?;
            session.exit_status_request(channel, 1)?;
            session.close(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        self.start(channel, session);
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let who = self.person.as_ref().map_or("?", |p| p.name.as_str());
        self.shared.log.line(&format!(
            "refused a command from {who} ({}): {:?}",
            self.peer,
            String::from_utf8_lossy(data)
        ));
        session.channel_failure(channel)?;
        session.close(channel)?;
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.shared
            .log
            .line(&format!("refused subsystem '{name}' from {}", self.peer));
        session.channel_failure(channel)?;
        session.close(channel)?;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _variable_name: &str,
        _variable_value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Nothing of the client's environment reaches the journal.
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (w, h) = session::clamp_size(col_width, row_height);
        self.size = Some((w, h));
        self.tell(Event::Resize(w, h));
        Ok(())
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.tell(Event::Data(data.to_vec()));
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.tell(Event::Closed);
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.tell(Event::Closed);
        Ok(())
    }
}

/// Serve the journal in `store` until Ctrl-C; what it says at start (where it listens, the
/// host key's fingerprint, how to connect) goes to `say`.
pub fn run(
    store: Store,
    owner_name: String,
    opts: Options,
    say: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let root = store.root().to_path_buf();
    let Some(journal) = store.read_journal()? else {
        anyhow::bail!(
            "there is no journal in {} yet: make one (`mentorlog init --name \"Your Name\"`), \
             then add the people who will connect (`mentorlog member add`)",
            root.display()
        );
    };
    let with_keys = journal
        .members
        .iter()
        .filter(|m| !m.keys.is_empty())
        .count()
        + usize::from(!journal.profile.keys.is_empty());
    if with_keys == 0 {
        anyhow::bail!(
            "nobody could sign in: no one in the journal has an SSH key. Add the mentee with \
             theirs, e.g. `mentorlog member add \"Sam Lee\" --role mentee --partnership \"Sam \
             Lee\" --key sam.pub`"
        );
    }
    let key = keys::host_key(&root)?;
    let fingerprint = keys::fingerprint(key.public_key());
    let log = Arc::new(log::Log::open(&root)?);
    let hub = Arc::new(Hub::default());
    let shared = Arc::new(Shared {
        store: store.clone(),
        owner_name,
        opts: opts.clone(),
        hub: hub.clone(),
        log: log.clone(),
        connections: AtomicUsize::new(0),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the server")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&opts.listen)
            .await
            .with_context(|| format!("listening on {}", opts.listen))?;
        let addr = listener.local_addr()?;
        log.line(&format!(
            "serving {} on {addr}, host key {fingerprint}",
            root.display()
        ));
        // What is said at start is for whoever started the server; a closed output (a
        // pipe nobody reads) does not stop it.
        let _ = writeln!(
            say,
            "Serving the journal in {} on {addr} ({with_keys} people with a key may sign in).\n\
             Host key fingerprint: {fingerprint}\n\
             (a member checks it the first time ssh asks)\n\
             A member connects with: ssh -t -p {} {}\n\
             The log is {}. Ctrl-C stops the server.",
            root.display(),
            addr.port(),
            addr.ip(),
            crate::store::server::log_path(&root).display()
        );
        let _ = say.flush();
        watch_files(&root, hub.clone(), log.clone());
        let config = Arc::new(russh::server::Config {
            methods: MethodSet::from(&[MethodKind::PublicKey][..]),
            keys: vec![key],
            auth_rejection_time: Duration::from_millis(500),
            auth_rejection_time_initial: Some(Duration::ZERO),
            max_auth_attempts: 6,
            inactivity_timeout: Some(opts.idle + Duration::from_secs(60)),
            keepalive_interval: Some(Duration::from_secs(30)),
            nodelay: true,
            ..Default::default()
        });
        tokio::select! {
            r = accept(listener, config, shared) => r,
            _ = tokio::signal::ctrl_c() => {
                hub.stop();
                log.line("stopped (Ctrl-C)");
                // The sessions say goodbye to their clients.
                tokio::time::sleep(Duration::from_millis(300)).await;
                Ok(())
            }
        }
    })
}

/// Take connections, at most `max_connections` at once; each runs on its own.
async fn accept(
    listener: tokio::net::TcpListener,
    config: Arc<russh::server::Config>,
    shared: Arc<Shared>,
) -> anyhow::Result<()> {
    loop {
        let (socket, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                shared
                    .log
                    .line(&format!("accepting a connection failed: {e}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let n = shared.connections.fetch_add(1, Ordering::SeqCst) + 1;
        let slot = Slot(shared.clone());
        if n > shared.opts.max_connections {
            shared.log.line(&format!(
                "refused a connection from {peer}: {} at once is the limit",
                shared.opts.max_connections
            ));
            drop(socket);
            drop(slot);
            continue;
        }
        let _ = socket.set_nodelay(true);
        let conn = Conn {
            shared: shared.clone(),
            peer: peer.to_string(),
            person: None,
            channel: None,
            size: None,
            tell: None,
            _slot: slot,
        };
        let config = config.clone();
        let log = shared.log.clone();
        tokio::spawn(async move {
            match russh::server::run_stream(config, socket, conn).await {
                Ok(running) => {
                    if let Err(e) = running.await {
                        log.line(&format!("connection from {peer} ended: {e}"));
                    }
                }
                Err(e) => log.line(&format!("connection from {peer} failed: {e}")),
            }
        });
    }
}

/// Changes other processes make (the CLI, a local mentorlog) reach every session.
fn watch_files(root: &std::path::Path, hub: Arc<Hub>, log: Arc<log::Log>) {
    match crate::store::watch::Watcher::start(root) {
        Ok((watcher, rx)) => {
            std::thread::spawn(move || {
                let _keep = watcher;
                while let Ok(paths) = rx.recv() {
                    hub.external(&paths);
                }
            });
        }
        Err(e) => log.line(&format!(
            "not watching the journal's files ({e}): changes made outside the server show \
             after Ctrl-r"
        )),
    }
}

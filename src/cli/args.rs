//! The command-line grammar, with the help text people read.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{
    GoalStatus, MeetingMode, MeetingType, PartnershipKind, PartnershipStatus, Pathway, Role,
};

#[derive(Debug, Parser)]
#[command(
    name = "mentorlog",
    version,
    about = "A terminal journal for mentoring and coaching in education",
    long_about = "mentorlog keeps a mentor's journal: meeting logs, the action plan agreed with each \
                  mentee, and progress against competency frameworks such as the CUREE skills \
                  checklist, saved as readable RON files in a private data directory.",
    after_help = "Start with `mentorlog partner add \"Sam Lee\"`, or `mentorlog demo` to explore a demo journal."
)]
pub struct Cli {
    /// Journal directory (default: the platform's data directory, or $MENTORLOG_DIR)
    #[arg(long, global = true, value_name = "DIR", env = "MENTORLOG_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Hide private meetings and reflections, for a screen shared with a mentee (exports
    /// leave them out anyway, unless `export --include-private`)
    #[arg(long, global = true)]
    pub review: bool,

    /// Open the full-screen journal as this member, locked to what their role may see and
    /// do (for a forced command in `authorized_keys`); nothing inside can change it
    #[arg(long = "as", global = true, value_name = "MEMBER")]
    pub as_member: Option<String>,
    /// Full screen without the mouse: no clicks or wheel, and the terminal selects text as
    /// usual (`(mouse: false)` in config.ron turns it off for good)
    #[arg(long)]
    pub no_mouse: bool,

    /// Treat this date as today (for scripts and tests)
    #[arg(
        long,
        global = true,
        hide = true,
        env = "MENTORLOG_TODAY",
        value_name = "DATE"
    )]
    pub today: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the journal, or change whose journal it is
    Init(InitArgs),
    /// Add and list mentoring partnerships
    #[command(subcommand)]
    Partner(PartnerCmd),
    /// Log a meeting (notes from the arguments, `-` for stdin, or $EDITOR)
    Log(LogArgs),
    /// Add and list goals of the action plan
    #[command(subcommand)]
    Goal(GoalCmd),
    /// The people in the journal: add, list, remove members
    #[command(subcommand)]
    Member(MemberCmd),
    /// The action items agreed in meetings: list them, mark them done
    #[command(subcommand)]
    Action(ActionCmd),
    /// Tick a framework item as achieved, with its evidence
    Tick(TickArgs),
    /// Agree to the mentoring agreement or to a goal, in your name, dated today
    ///
    /// Kept as who and when (like a signature line); a text changed since it was agreed
    /// says so ("changed since agreed") until it is agreed again.
    Agree(AgreeArgs),
    /// Sign the agreement, the evaluation or a stage record with your SSH key
    /// (`ssh-keygen -Y sign`), or keep a signature a member made on their own machine
    Sign(SignArgs),
    /// Check a badge's proof or the sign-offs in an exported partnership, offline (`verify
    /// FILE`), or every signature of a partnership (`verify --with P`, and write out what `ssh-keygen -Y verify` needs to
    /// check them without mentorlog)
    Verify(VerifyArgs),
    /// The mentee's pre-meeting thought document (ScotELAs): print its questions, or answer
    /// them for the next meeting
    Prepare(PrepareArgs),
    /// Meetings, goals and framework progress at a glance
    Status(StatusArgs),
    /// Search partnerships, meetings, goals, reflections and framework items
    Search(SearchArgs),
    /// Import meetings from another journal tool
    #[command(subcommand)]
    Import(ImportCmd),
    /// List, show and check competency frameworks
    #[command(subcommand)]
    Framework(FrameworkCmd),
    /// Write a demo journal into an empty data directory
    Demo(DemoArgs),
    /// Export a partnership: portfolio, csv, ics, json or badge
    ///
    /// Private meetings and private reflections are left out of every export unless
    /// --include-private is given; a badge never cites them.
    Export(ExportArgs),
    /// List, restore or empty deleted records (kept 30 days unless set otherwise)
    Trash {
        #[command(subcommand)]
        cmd: Option<TrashCmd>,
    },
    /// Serve the full-screen journal over SSH to the people of the journal
    ///
    /// A built-in SSH server: each member signs in with the key the journal holds for them
    /// (`member add --key`) and gets the journal as their role may see it, live beside the
    /// others, and nothing else: no shell, no commands, no forwarding. The host key is made
    /// once and kept in the data directory; its fingerprint is printed at start. Ctrl-C stops.
    Serve(ServeArgs),
    /// The coordinator's view of many mentors' bundles (`export bundle`): each partnership
    /// against each scheme's rules, with what is missing; full screen at a terminal
    Cohort(CohortArgs),
    /// Sync the journal between your machines through git: commit, fetch, merge, push
    ///
    /// `sync init [REMOTE]` makes the data directory a git repository (or clones REMOTE into
    /// an empty one) with mentorlog's merge; then `sync` commits what changed ("Jo Taylor on
    /// school-laptop: 2 meetings, 1 tick"), brings in the other machines' changes merged
    /// record by record and field by field, and sends yours. Private records (private/) and
    /// mentorlog's local files (.mentorlog/) never leave this machine.
    Sync {
        #[command(subcommand)]
        cmd: Option<SyncCmd>,
    },
    /// git's merge of one record file (`sync init` sets it up; git runs it)
    #[command(hide = true)]
    MergeDriver {
        /// The common ancestor (%O; empty when both sides added the file)
        base: PathBuf,
        /// This side, where the result is written (%A)
        ours: PathBuf,
        /// The other side (%B)
        theirs: PathBuf,
        /// The file's path in the journal (%P)
        name: String,
    },
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CohortFormat {
    Text,
    Csv,
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct CohortArgs {
    /// Bundle files, or folders of them (`*.json`)
    #[arg(required = true, value_name = "BUNDLE|DIR")]
    pub paths: Vec<PathBuf>,
    /// Print instead of the full screen: text, csv, json or html (for the panel)
    #[arg(long, value_enum)]
    pub format: Option<CohortFormat>,
    /// Flag bundles made more than this many days ago
    #[arg(long, value_name = "DAYS", default_value_t = 60)]
    pub max_age: i64,
    /// Trust only these mentors' keys (an allowed_signers or authorized_keys file); a
    /// bundle signed by another key is flagged
    #[arg(long, value_name = "FILE")]
    pub allowed: Option<PathBuf>,
    /// Only the schemes whose id starts so (e.g. scotelas, ljmu/, mcf/)
    #[arg(long, value_name = "SCHEME")]
    pub scheme: Option<String>,
    /// Only partnerships not yet ready
    #[arg(long)]
    pub not_ready: bool,
    /// As the coordinator, issue a badge to every mentor who is ready (for the --scheme
    /// schemes, or every scheme) into this folder, from bundles that can be trusted
    #[arg(long, value_name = "DIR", requires_all = ["issuer_key", "issuer_name", "recipients"])]
    pub issue: Option<PathBuf>,
    /// The issuer's private ssh-ed25519 key: the badges' proofs are made with it
    #[arg(long, value_name = "FILE", requires = "issue")]
    pub issuer_key: Option<PathBuf>,
    /// The issuer's name, as the badges show it (the coordinator or the awarding body)
    #[arg(long, value_name = "NAME", requires = "issue")]
    pub issuer_name: Option<String>,
    /// The mentors' emails, one `NAME,EMAIL` per line: each badge names its recipient by a
    /// salted hash of it
    #[arg(long, value_name = "FILE", requires = "issue")]
    pub recipients: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (another machine needs the machine's own address)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    pub listen: String,
    /// Connections at once, at most
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub max_connections: usize,
    /// Close a session after this many minutes without a key
    #[arg(long, value_name = "MINUTES", default_value_t = 30)]
    pub idle_minutes: u64,
    /// The same in seconds (for tests)
    #[arg(long, hide = true, value_name = "SECONDS")]
    pub idle_seconds: Option<u64>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name, as it should appear in the portfolio
    #[arg(long)]
    pub name: Option<String>,
    /// Your role: mentor, mentee, coach or co-coach
    #[arg(long)]
    pub role: Option<Role>,
    /// Your school, college or institution
    #[arg(long)]
    pub institution: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCmd {
    /// Make the data directory a git repository to sync (or adopt one, or clone REMOTE into
    /// an empty data directory), with mentorlog's merge and what is never synced ignored
    Init {
        /// Where the journal is kept between machines: a git URL or a path to a bare
        /// repository (`git init --bare`)
        remote: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TrashCmd {
    /// List what can be restored, newest first (the default)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Bring back a delete: the one named (or the start of its name), else the latest
    Restore { id: Option<String> },
    /// Remove everything in the trash now, for good
    Empty {
        /// Do not ask first (for scripts)
        #[arg(long)]
        yes: bool,
    },
    /// Keep deleted records this many days (0: only until mentorlog next starts)
    Keep { days: u32 },
}

#[derive(Debug, Subcommand)]
pub enum PartnerCmd {
    /// Start a mentoring partnership
    #[command(
        after_help = "`mentorlog partner add --help` lists the LSIS criteria for being mentored.",
        after_long_help = super::partner::criteria_help()
    )]
    Add(PartnerAddArgs),
    /// List partnerships
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change a partnership's details, dates, status or frameworks
    Edit(PartnerEditArgs),
    /// End a partnership: it stays in the journal, closed, with everything it holds
    End {
        /// The partnership: its id, or part of the partner's name
        partner: String,
        /// The last day (default: today)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// Remove a partnership and everything it holds (kept in the trash; asks first)
    Remove {
        /// The partnership: its id, or part of the partner's name
        partner: String,
        /// Do not ask first (for scripts)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct PartnerEditArgs {
    /// The partnership: its id, or part of the partner's name
    pub partner: String,
    /// The partner's name
    #[arg(long)]
    pub name: Option<String>,
    /// induction, progression, challenge, coaching or co-coaching
    #[arg(long)]
    pub kind: Option<PartnershipKind>,
    /// role or expertise
    #[arg(long)]
    pub pathway: Option<Pathway>,
    /// The focus area ("" clears it)
    #[arg(long)]
    pub focus: Option<String>,
    /// Their school, college or institution ("" clears it)
    #[arg(long)]
    pub institution: Option<String>,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// The last day ("" clears it)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub end: Option<String>,
    /// forming, active, closing or closed
    #[arg(long)]
    pub status: Option<PartnershipStatus>,
    /// Target days between meetings, or lsis: once a fortnight for the first month, and once
    /// a month thereafter
    #[arg(long, value_name = "DAYS|lsis")]
    pub cadence: Option<CadenceArg>,
    /// Start using a framework (repeat the flag)
    #[arg(long = "framework", value_name = "ID")]
    pub add_frameworks: Vec<String>,
    /// Stop using a framework; its ticks are kept (repeat the flag)
    #[arg(long = "drop-framework", value_name = "ID")]
    pub drop_frameworks: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PartnerAddArgs {
    /// The other person (or people) in the partnership
    pub name: String,
    /// induction, progression, challenge, coaching or co-coaching
    #[arg(long, default_value = "induction")]
    pub kind: PartnershipKind,
    /// role (role-focused) or expertise (expertise-focused)
    #[arg(long, default_value = "role")]
    pub pathway: Pathway,
    /// The focus area of an expertise-focused pathway
    #[arg(long)]
    pub focus: Option<String>,
    /// Framework ids in use (repeat the flag); default: curee
    #[arg(long = "framework", value_name = "ID")]
    pub frameworks: Vec<String>,
    /// Their school, college or institution
    #[arg(long)]
    pub institution: Option<String>,
    /// Start date (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// Target days between meetings, or lsis: once a fortnight for the first month, and once
    /// a month thereafter (counted from the start date)
    #[arg(long, value_name = "DAYS|lsis", default_value = "14")]
    pub cadence: CadenceArg,
}

/// `--cadence`: a number of days between meetings, or `lsis`, the LSIS rhythm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CadenceArg {
    Days(u32),
    Lsis,
}

impl std::str::FromStr for CadenceArg {
    type Err = String;
    fn from_str(s: &str) -> Result<CadenceArg, String> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("lsis") {
            return Ok(CadenceArg::Lsis);
        }
        t.parse().map(CadenceArg::Days).map_err(|_| {
            format!(
                "'{s}' is neither a number of days nor lsis ({})",
                crate::model::LSIS_RHYTHM
            )
        })
    }
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The partnership: its id, or part of the partner's name
    #[arg(long = "with", short = 'w', value_name = "PARTNER")]
    pub with: String,
    /// Meeting date: 2026-11-20, today, yesterday, -3d ... (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Start time, HH:MM
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    /// Length in minutes
    #[arg(long, value_name = "MINUTES")]
    pub duration: Option<u32>,
    /// in-person, video, phone or email
    #[arg(long, default_value = "in-person")]
    pub mode: MeetingMode,
    /// meeting, obs-mentee, obs-mentor, joint, conversation
    #[arg(long = "type", default_value = "meeting")]
    pub kind: MeetingType,
    /// The focus or agenda of the meeting
    #[arg(long)]
    pub focus: Option<String>,
    /// An action item agreed, for the mentee unless --action-owner says otherwise (repeatable)
    #[arg(long = "action", value_name = "TEXT")]
    pub actions: Vec<String>,
    /// Who owns the action items: mentee, mentor or support
    #[arg(long, value_name = "OWNER", default_value = "mentee")]
    pub action_owner: crate::model::Owner,
    /// Due date for the action items
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: Option<String>,
    /// Keep this meeting out of review mode and of exports (unless an export is made with
    /// --include-private); a badge never cites it
    #[arg(long)]
    pub private: bool,
    /// The notes; `-` reads them from stdin; none at a terminal opens $EDITOR
    pub notes: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    /// Add a person to the journal, with their role (and key, to connect later)
    Add {
        /// Their name, e.g. "Sam Lee"
        name: String,
        /// mentor, mentee, coach, co-coach or coordinator
        #[arg(long)]
        role: crate::model::Role,
        /// A partnership they belong to (a mentee's own); repeat for more
        #[arg(long = "partnership", short = 'p', value_name = "PARTNER")]
        partnerships: Vec<String>,
        /// Their SSH public key file (`id_ed25519.pub`); repeat for more
        #[arg(long = "key", value_name = "FILE.pub")]
        keys: Vec<std::path::PathBuf>,
    },
    /// Give a person of the journal (the owner too) an SSH key to sign in to `serve` with
    Key {
        /// Who: an id or a name (yours, for your own key)
        member: String,
        /// Their SSH public key file (`id_ed25519.pub`); repeat for more
        #[arg(required = true, value_name = "FILE.pub")]
        keys: Vec<std::path::PathBuf>,
    },
    /// Everyone in the journal, the owner first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a member (what they wrote stays, still theirs)
    Remove {
        /// The member's id or name
        member: String,
        /// Do not ask first
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ActionCmd {
    /// The action items of a partnership's meetings: open ones first, soonest due first
    List {
        #[arg(long = "with", short = 'w', value_name = "PARTNER")]
        with: String,
        /// Show the items done too
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Mark an action item done (by its id, or the start of its text)
    Done {
        #[arg(long = "with", short = 'w', value_name = "PARTNER")]
        with: String,
        /// The item's id (`action list` shows it), or the start of its text
        item: String,
        /// Mark it open again instead
        #[arg(long)]
        undo: bool,
    },
}

/// What `agree` agrees to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgreeWhat {
    /// The partnership's mentoring agreement
    Agreement,
    /// A goal of the action plan (give its id)
    Goal,
}

#[derive(Debug, Args)]
pub struct AgreeArgs {
    #[arg(long = "with", short = 'w', value_name = "PARTNER")]
    pub with: String,
    /// agreement, or goal ID
    #[arg(value_enum)]
    pub what: AgreeWhat,
    /// The goal's id (`goal list` shows it), or the start of it
    #[arg(value_name = "ID")]
    pub id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignWhat {
    Agreement,
    Evaluation,
    Stage,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    #[arg(long = "with", short = 'w', value_name = "PARTNER")]
    pub with: String,
    /// agreement, evaluation, or stage FRAMEWORK/STAGE
    #[arg(value_enum)]
    pub what: SignWhat,
    /// The stage, as FRAMEWORK/STAGE (e.g. ljmu/developing)
    #[arg(value_name = "FRAMEWORK/STAGE")]
    pub stage: Option<String>,
    /// The key to sign with (default: yours in ~/.ssh that the journal knows; a .pub file
    /// signs with the agent's private half)
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Whose signature (default: yours); with --signature, a member's made elsewhere
    #[arg(long, value_name = "MEMBER")]
    pub by: Option<String>,
    /// The day signed (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Print the bytes to sign instead (for `ssh-keygen -Y sign -n mentorlog` elsewhere)
    #[arg(long, conflicts_with = "signature")]
    pub bytes: bool,
    /// Keep this signature (the `.sig` file `ssh-keygen -Y sign` wrote) instead of signing
    #[arg(long, value_name = "FILE.sig")]
    pub signature: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A badge (`export badge -o FILE`): check its proof, offline, and say who issued it, to
    /// whom and for what; or a partnership (`export json -o FILE`): check every sign-off in it
    #[arg(value_name = "FILE", conflicts_with_all = ["with", "out"], required_unless_present = "with")]
    pub file: Option<PathBuf>,
    /// The partnership whose signed sign-offs to check
    #[arg(long = "with", short = 'w', value_name = "PARTNER")]
    pub with: Option<String>,
    /// Write, for each signature, the signed bytes, the signature and an allowed-signers
    /// line into this folder, for `ssh-keygen -Y verify`
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PrepareArgs {
    #[arg(long = "with", short = 'w', value_name = "PARTNER")]
    pub with: String,
    /// An answer, as N=TEXT: N the question's number as printed (repeat the flag)
    #[arg(long = "answer", short = 'a', value_name = "N=TEXT")]
    pub answers: Vec<String>,
    /// The day of the meeting it is for, when planned
    #[arg(long = "for", value_name = "DATE", allow_hyphen_values = true)]
    pub meeting: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum GoalCmd {
    /// Add a goal to the action plan
    Add(GoalAddArgs),
    /// Comment on a goal, in your name, dated today
    Comment {
        #[arg(long = "with", short = 'w', value_name = "PARTNER")]
        with: String,
        /// The goal's id (`goal list` shows it), or the start of it
        id: String,
        /// The comment
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// The action plan
    List {
        #[arg(long = "with", short = 'w', value_name = "PARTNER")]
        with: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct GoalAddArgs {
    #[arg(long = "with", short = 'w', value_name = "PARTNER")]
    pub with: String,
    /// The objective (what will be achieved)
    pub objective: String,
    /// The learning goal this objective serves
    #[arg(long)]
    pub learning_goal: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub mentee_actions: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub mentor_actions: Option<String>,
    /// The support network's actions
    #[arg(long, value_name = "TEXT")]
    pub support_actions: Option<String>,
    /// Potential barriers
    #[arg(long, value_name = "TEXT")]
    pub barriers: Option<String>,
    /// How success will be measured
    #[arg(long = "success", value_name = "TEXT")]
    pub success_measures: Option<String>,
    /// Target completion date
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub target: Option<String>,
    #[arg(long, default_value = "not-started")]
    pub status: GoalStatus,
}

#[derive(Debug, Args)]
pub struct TickArgs {
    #[arg(long = "with", short = 'w', value_name = "PARTNER")]
    pub with: String,
    /// The item, as FRAMEWORK/ITEM (see `mentorlog framework show curee`)
    #[arg(value_name = "FRAMEWORK/ITEM")]
    pub item: String,
    /// What shows the item achieved
    #[arg(long, value_name = "TEXT")]
    pub evidence: Vec<String>,
    /// A meeting that evidences it (its id, shown by `status --with`; `last` for the latest)
    #[arg(long = "meeting", value_name = "ID")]
    pub meetings: Vec<String>,
    /// A file that evidences it (path)
    #[arg(long = "file", value_name = "PATH")]
    pub files: Vec<String>,
    /// The level reached, for rubric frameworks
    #[arg(long)]
    pub level: Option<String>,
    /// Date achieved (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Remove the tick instead
    #[arg(long)]
    pub undo: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// A `jrnl --export json` file: each entry becomes a meeting (title as focus, body as notes)
    Jrnl {
        /// The JSON file jrnl wrote
        file: PathBuf,
        #[arg(long = "with", short = 'w', value_name = "PARTNER")]
        with: String,
    },
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find (names and titles match fuzzily; notes match the words)
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// How many results
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(long = "with", short = 'w', value_name = "PARTNER")]
    pub with: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum FrameworkCmd {
    /// Every framework, bundled and your own, with its item count
    List {
        #[arg(long)]
        json: bool,
    },
    /// A framework's sections and items
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Check a framework file before dropping it into the journal's frameworks/ folder
    Check { file: PathBuf },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DemoSize {
    Small,
    Large,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// small: a few partnerships to explore; large: 50 partnerships for trying it at scale
    #[arg(long, value_enum, default_value = "small")]
    pub size: DemoSize,
    /// With --size large: write it N times bigger, 50·N partnerships of the same content
    /// (1 to 100)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=crate::journal::demo::MAX_SCALE as i64))]
    pub scale: Option<u32>,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// The Learning Journal of the partnership (Markdown or HTML)
    Portfolio,
    /// One table of the journal as CSV (see --table)
    Csv,
    /// Meetings, goal targets and due action items as an iCalendar file
    Ics,
    /// Everything about the partnership as JSON
    Json,
    /// An Open Badges 3.0 credential for a recognition the partnership is ready for
    Badge,
    /// A coordinator's bundle of every partnership (or --with one): readiness, counts, dates
    /// and evidence hashes, no note text, signed with your SSH key
    Bundle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PortfolioFormatArg {
    Md,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvTableArg {
    Goals,
    Meetings,
    Ticks,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// portfolio, csv, ics, json, badge or bundle
    #[arg(value_enum)]
    pub what: ExportKind,
    /// The partnership: its id, or part of the partner's name (a bundle: all without it)
    #[arg(long = "with", short = 'w', value_name = "PARTNER")]
    pub with: Option<String>,
    /// A bundle's signing key (default: yours in ~/.ssh that the journal knows)
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Portfolio format: md or html (default: html for an -o FILE ending .html, else md)
    #[arg(long, value_enum)]
    pub format: Option<PortfolioFormatArg>,
    /// The CSV table: goals (the action plan), meetings (the log) or ticks
    #[arg(long, value_enum, default_value = "goals")]
    pub table: CsvTableArg,
    /// The badge's recognition: scotelas, a framework stage such as ljmu/developing, or an
    /// MCF competency as a micro-credential, such as mcf/communication
    #[arg(long, value_name = "SCHEME", default_value = "scotelas")]
    pub stage: String,
    /// Write to FILE (private to you, replaced atomically) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Badge: who issues it, a member with the role coordinator (the scheme's coordinator or
    /// the awarding body) and an Ed25519 key in the journal, never the recipient
    #[arg(long, value_name = "MEMBER")]
    pub issuer: Option<String>,
    /// Badge: the issuer's private key (an unencrypted OpenSSH ssh-ed25519 key file), whose
    /// .pub the journal holds for them; it signs the badge's proof
    #[arg(long, value_name = "FILE")]
    pub issuer_key: Option<PathBuf>,
    /// Badge: the recipient's email (the journal owner's); the badge holds only a salted
    /// SHA-256 of it, as Open Badges 3.0's IdentityObject allows
    #[arg(long, value_name = "EMAIL")]
    pub recipient_email: Option<String>,
    /// CSV: leave out the UTF-8 byte-order mark, written by default so that Excel and
    /// LibreOffice read accents and emoji
    #[arg(long)]
    pub no_bom: bool,
    /// Put private meetings and reflections in the export too (left out by default; not for
    /// a badge, which is shown to others, nor with --review)
    #[arg(long)]
    pub include_private: bool,
}

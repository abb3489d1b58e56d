//! Frameworks are data (DESIGN.md section 4): the RON schema, loading with positioned errors,
//! validation, the bundled set and progress against a framework.

pub(crate) mod load;
mod progress;
pub mod prompts;
pub mod readiness;
pub mod schema;

pub use load::{
    FileBytes, FrameworkError, FrameworkSet, LoadedFramework, Origin, check_file, parse_framework,
};
pub use progress::{SectionProgress, framework_progress};
pub use schema::{Framework, Item, Passage, Section};

/// The frameworks shipped inside the binary: (file name, RON text).
pub const BUNDLED: &[(&str, &str)] = &[
    ("curee.ron", include_str!("../../frameworks/curee.ron")),
    ("mcf.ron", include_str!("../../frameworks/mcf.ron")),
    ("ljmu.ron", include_str!("../../frameworks/ljmu.ron")),
    ("tla.ron", include_str!("../../frameworks/tla.ron")),
    (
        "scotelas.ron",
        include_str!("../../frameworks/scotelas.ron"),
    ),
    ("lsis.ron", include_str!("../../frameworks/lsis.ron")),
    (
        "mentor-competencies.ron",
        include_str!("../../frameworks/mentor-competencies.ron"),
    ),
    (
        "mentee-competencies.ron",
        include_str!("../../frameworks/mentee-competencies.ron"),
    ),
];

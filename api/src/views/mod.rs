//! Response types by audience. A field an audience may not see does not exist on its type.

pub mod partner;
pub mod posting;
pub mod reference;
pub mod thread;

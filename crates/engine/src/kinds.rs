//! The kinds of instrument the engine knows, behind one enum.
//!
//! Each kind is a crate implementing `actions::Instrument`. The macro below
//! writes the dispatch once; adding a kind is one line in `kinds!`.

use actions::{CorporateAction, Instrument};
use calendar::Date;
use journal::{Diagnostic, Directive, FileId};
use terms::{BookView, InstrumentId, Outcome, Rejection};
use units::{Clause, Shares};

macro_rules! kinds {
    ($($variant:ident => $ty:ty),* $(,)?) => {
        /// An instrument of any kind, with its state (boxed: the states differ
        /// greatly in size).
        #[derive(Clone)]
        pub enum AnyInstrument { $($variant(Box<$ty>)),* }

        /// An event of any instrument kind.
        #[derive(Clone, Debug)]
        pub enum AnyEvent { $($variant(<$ty as Instrument>::Event)),* }

        /// The kind names accepted in `instrument <id> <kind>`.
        pub fn kind_names() -> Vec<&'static str> {
            vec![$(<$ty as Instrument>::kind()),*]
        }

        /// Every keyword any kind resolves, for "did you mean" help.
        pub fn all_keywords() -> Vec<&'static str> {
            let mut v: Vec<&'static str> = Vec::new();
            $(v.extend_from_slice(<$ty as Instrument>::keywords());)*
            v
        }

        impl AnyInstrument {
            /// Creates an instrument of the named kind; `None` if no kind has
            /// that name.
            pub fn declare(
                kind: &str,
                id: InstrumentId,
                d: &Directive,
                file: FileId,
                text: &str,
            ) -> Option<Result<AnyInstrument, Vec<Diagnostic>>> {
                $(
                    if kind == <$ty as Instrument>::kind() {
                        return Some(<$ty as Instrument>::declare(id, d, file, text).map(|i| AnyInstrument::$variant(Box::new(i))));
                    }
                )*
                let _ = (id, d, file, text);
                None
            }

            pub fn kind(&self) -> &'static str {
                match *self { $(AnyInstrument::$variant(_) => <$ty as Instrument>::kind()),* }
            }

            pub fn keywords(&self) -> &'static [&'static str] {
                match *self { $(AnyInstrument::$variant(_) => <$ty as Instrument>::keywords()),* }
            }

            pub fn resolve(&self, d: &Directive) -> Result<AnyEvent, Vec<Diagnostic>> {
                match *self { $(AnyInstrument::$variant(_) => <$ty as Instrument>::resolve(d).map(AnyEvent::$variant)),* }
            }

            pub fn effective_date(&self, e: &AnyEvent, date: Date) -> Date {
                #[allow(unreachable_patterns)]
                match (self, e) {
                    $((AnyInstrument::$variant(_), AnyEvent::$variant(e)) => <$ty as Instrument>::effective_date(e, date),)*
                    _ => date,
                }
            }

            pub fn apply(&mut self, e: &AnyEvent, view: &dyn BookView) -> Result<Outcome, Rejection> {
                #[allow(unreachable_patterns)]
                match (self, e) {
                    $((AnyInstrument::$variant(i), AnyEvent::$variant(e)) => i.apply(e, view),)*
                    _ => Err(Rejection::new("R0001", Clause::new("engine", "dispatch"), "event of another kind of instrument")),
                }
            }

            pub fn issued_rights(&self, e: &AnyEvent, view: &dyn BookView) -> Option<CorporateAction> {
                #[allow(unreachable_patterns)]
                match (self, e) {
                    $((AnyInstrument::$variant(i), AnyEvent::$variant(e)) => i.issued_rights(e, view),)*
                    _ => None,
                }
            }

            pub fn on_action(&mut self, a: &CorporateAction, view: &dyn BookView) -> Result<Outcome, Rejection> {
                match *self { $(AnyInstrument::$variant(ref mut i) => i.on_action(a, view)),* }
            }

            pub fn next_scheduled(&self, after: Date) -> Option<Date> {
                match *self { $(AnyInstrument::$variant(ref i) => i.next_scheduled(after)),* }
            }

            pub fn run_scheduled(&mut self, date: Date, view: &dyn BookView) -> Outcome {
                match *self { $(AnyInstrument::$variant(ref mut i) => i.run_scheduled(date, view)),* }
            }

            pub fn reservation_clause(&self) -> Option<Clause> {
                match *self { $(AnyInstrument::$variant(ref i) => i.reservation_clause()),* }
            }

            pub fn common_issuable(&self, view: &dyn BookView) -> Shares {
                match *self { $(AnyInstrument::$variant(ref i) => i.common_issuable(view)),* }
            }

            pub fn common_issuable_to(&self, holder: &terms::HolderId, view: &dyn BookView) -> Shares {
                match *self { $(AnyInstrument::$variant(ref i) => i.common_issuable_to(holder, view)),* }
            }

            pub fn common_issuable_in_the_money(&self, view: &dyn BookView, price: &units::Exact) -> Shares {
                match *self { $(AnyInstrument::$variant(ref i) => i.common_issuable_in_the_money(view, price)),* }
            }

            pub fn holders(&self) -> Vec<terms::HolderId> {
                match *self { $(AnyInstrument::$variant(ref i) => <$ty as Instrument>::holders(i)),* }
            }

            pub fn figures(&self, view: &dyn BookView) -> Vec<units::Computed> {
                match *self { $(AnyInstrument::$variant(ref i) => i.figures(view)),* }
            }

            pub fn status(&self, view: &dyn BookView) -> serde_json::Value {
                match *self { $(AnyInstrument::$variant(ref i) => i.status(view)),* }
            }

            pub fn status_text(&self, view: &dyn BookView) -> String {
                match *self { $(AnyInstrument::$variant(ref i) => i.status_text(view)),* }
            }
        }
    };
}

kinds! {
    Preferred => preferred::Preferred,
    Warrant => warrant::Warrant,
    Plan => plan::Plan,
    Rights => rights::Agreement,
}

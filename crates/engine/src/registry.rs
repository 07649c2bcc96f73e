//! Declared holders and securities, interned to small indices.
//!
//! Replaying a million events touches positions millions of times; keying
//! them by `u32` indices instead of strings keeps that cheap. The registry
//! maps ids to indices and keeps what each declaration said.

use calendar::Date;
use journal::Span;
use rustc_hash::FxHashMap as HashMap;
use terms::{HolderId, SecurityId};
use units::{Price, Shares};

#[derive(Clone, Debug, serde::Serialize)]
pub struct HolderInfo {
    pub id: HolderId,
    pub name: String,
    pub declared: Date,
    #[serde(skip)]
    pub span: Span,
    /// `assumption: ...` metadata: what about this holder is assumed.
    pub assumption: Option<String>,
    /// `affiliate-of: <holder>`: the holder's group, for reports.
    pub affiliate_of: Option<HolderId>,
}

/// What kind of security a class is, for reports and the fully diluted count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum SecurityClass {
    Common,
    Preferred,
    Warrant,
    Option,
    Other,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct SecurityInfo {
    pub id: SecurityId,
    pub name: String,
    pub class: SecurityClass,
    pub declared: Date,
    #[serde(skip)]
    pub span: Span,
    pub par: Option<Price>,
    /// Authorized shares as declared; `authorize` events change it.
    pub authorized: Option<Shares>,
    /// Votes per share when voting with the common stock.
    pub votes_per_share: Option<units::Decimal>,
}

#[derive(Clone, Debug, Default)]
pub struct Registry {
    pub holders: Vec<HolderInfo>,
    pub securities: Vec<SecurityInfo>,
    holder_idx: HashMap<String, u32>,
    security_idx: HashMap<String, u32>,
}

/// The holder id that stands for the company itself (treasury shares).
pub const COMPANY: &str = "company";

impl Registry {
    pub fn holder(&self, id: &str) -> Option<u32> {
        self.holder_idx.get(id).copied()
    }

    pub fn security(&self, id: &str) -> Option<u32> {
        self.security_idx.get(id).copied()
    }

    pub fn holder_info(&self, idx: u32) -> Option<&HolderInfo> {
        self.holders.get(idx as usize)
    }

    pub fn security_info(&self, idx: u32) -> Option<&SecurityInfo> {
        self.securities.get(idx as usize)
    }

    /// Adds a holder; `Err` with the earlier declaration's span if the id is
    /// taken.
    pub fn add_holder(&mut self, info: HolderInfo) -> Result<u32, Span> {
        if let Some(&i) = self.holder_idx.get(info.id.as_str()) {
            return Err(self.holders[i as usize].span);
        }
        let i = self.holders.len() as u32;
        self.holder_idx.insert(info.id.0.clone(), i);
        self.holders.push(info);
        Ok(i)
    }

    pub fn add_security(&mut self, info: SecurityInfo) -> Result<u32, Span> {
        if let Some(&i) = self.security_idx.get(info.id.as_str()) {
            return Err(self.securities[i as usize].span);
        }
        let i = self.securities.len() as u32;
        self.security_idx.insert(info.id.0.clone(), i);
        self.securities.push(info);
        Ok(i)
    }

    pub fn holder_ids(&self) -> impl Iterator<Item = &str> {
        self.holders.iter().map(|h| h.id.as_str())
    }

    pub fn security_ids(&self) -> impl Iterator<Item = &str> {
        self.securities.iter().map(|s| s.id.as_str())
    }
}

//! Code lists: membership roles, participation statuses and positions. Their SKOS concepts,
//! labelled in ar, en and ru, are in `ontology/codes.ttl`.

use std::fmt;
use std::str::FromStr;

macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code as written in CSV, CLI and JSON (`dialogue_partner`).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                Self::ALL.iter().copied().find(|c| c.as_str() == norm).ok_or_else(|| {
                    let known: Vec<&str> = Self::ALL.iter().map(|c| c.as_str()).collect();
                    format!("unknown {} '{}': expected one of {}", $what, s, known.join(", "))
                })
            }
        }
    };
}

code_enum!(
    /// The role of a member in an organisation.
    Role, "role", {
        Full => "full",
        Observer => "observer",
        Associate => "associate",
        Partner => "partner",
        DialoguePartner => "dialogue_partner",
    }
);

code_enum!(
    /// The participation status of a member: "frozen but still a member" needs its own term.
    Status, "status", {
        Active => "active",
        Frozen => "frozen",
        Suspended => "suspended",
        Withdrawn => "withdrawn",
        Readmitted => "readmitted",
    }
);

code_enum!(
    /// A position a person holds in a state or organisation.
    Position, "position", {
        President => "president",
        VicePresident => "vice_president",
        PrimeMinister => "prime_minister",
        DeputyPrimeMinister => "deputy_prime_minister",
        ForeignMinister => "foreign_minister",
        DefenceMinister => "defence_minister",
        PresidentialAide => "presidential_aide",
        SecretaryGeneral => "secretary_general",
        DeputySecretaryGeneral => "deputy_secretary_general",
        Spokesperson => "spokesperson",
        King => "king",
        Emir => "emir",
        CrownPrince => "crown_prince",
        Chancellor => "chancellor",
        Ambassador => "ambassador",
        HeadOfState => "head_of_state",
        HeadOfGovernment => "head_of_government",
        Minister => "minister",
        CommissionChair => "commission_chair",
        HeadOfDelegation => "head_of_delegation",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_accept_dashes() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), *r);
        }
        assert_eq!("dialogue-partner".parse::<Role>().unwrap(), Role::DialoguePartner);
        assert_eq!("Prime Minister".parse::<Position>().unwrap(), Position::PrimeMinister);
    }

    #[test]
    fn unknown_codes_list_the_known_ones() {
        let e = "sleeping".parse::<Status>().unwrap_err();
        assert!(e.contains("frozen") && e.contains("sleeping"), "{e}");
    }
}

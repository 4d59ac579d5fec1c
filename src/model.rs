//! The atlas's own vocabulary, below both the content model and the analyser, which both use
//! it: the nine domains, target or achieved, and glossary entries.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The nine livelihood domains: the national 七有 framework plus two (DESIGN.md, "Domains").
/// The keywords that place a figure in one are the analyser's (`analyze/domains.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Domain {
    Childcare,
    Education,
    Employment,
    Health,
    Elderly,
    Housing,
    Welfare,
    Environment,
    Governance,
}

impl Domain {
    pub const ALL: [Domain; 9] = [
        Domain::Childcare,
        Domain::Education,
        Domain::Employment,
        Domain::Health,
        Domain::Elderly,
        Domain::Housing,
        Domain::Welfare,
        Domain::Environment,
        Domain::Governance,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Domain::Childcare => "childcare",
            Domain::Education => "education",
            Domain::Employment => "employment",
            Domain::Health => "health",
            Domain::Elderly => "elderly",
            Domain::Housing => "housing",
            Domain::Welfare => "welfare",
            Domain::Environment => "environment",
            Domain::Governance => "governance",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Domain> {
        Domain::ALL.into_iter().find(|d| d.slug() == slug)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.name_zh(),
            Lang::En => self.name_en(),
        }
    }

    fn name_zh(self) -> &'static str {
        match self {
            Domain::Childcare => "幼有所育",
            Domain::Education => "学有所教",
            Domain::Employment => "劳有所得",
            Domain::Health => "病有所医",
            Domain::Elderly => "老有所养",
            Domain::Housing => "住有所居",
            Domain::Welfare => "弱有所扶",
            Domain::Environment => "生态宜居",
            Domain::Governance => "民生实事",
        }
    }

    fn name_en(self) -> &'static str {
        match self {
            Domain::Childcare => "Childcare",
            Domain::Education => "Education",
            Domain::Employment => "Employment",
            Domain::Health => "Health care",
            Domain::Elderly => "Elderly care",
            Domain::Housing => "Housing",
            Domain::Welfare => "Social assistance",
            Domain::Environment => "Living environment",
            Domain::Governance => "Livelihood projects & governance",
        }
    }

    /// One line saying what falls in the domain, in the page language.
    pub fn scope(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Domain::Childcare, Lang::Zh) => "托育服务、普惠幼儿园、婴幼儿照护",
            (Domain::Childcare, Lang::En) => "Nurseries, public kindergartens, infant care",
            (Domain::Education, Lang::Zh) => "学校建设、学位供给、教育质量与“双减”",
            (Domain::Education, Lang::En) => {
                "School building, school places, quality and the double reduction policy"
            }
            (Domain::Employment, Lang::Zh) => "城镇新增就业、技能培训、创业与增收",
            (Domain::Employment, Lang::En) => {
                "New urban jobs, skills training, entrepreneurship and incomes"
            }
            (Domain::Health, Lang::Zh) => "医院与医共体、基层医疗、医保与满意度",
            (Domain::Health, Lang::En) => {
                "Hospitals and medical consortia, primary care, insurance and satisfaction"
            }
            (Domain::Elderly, Lang::Zh) => "养老床位、社区养老、长期护理保险",
            (Domain::Elderly, Lang::En) => {
                "Elderly-care beds, community care, long-term care insurance"
            }
            (Domain::Housing, Lang::Zh) => "保障房、老旧小区改造、农房与安置",
            (Domain::Housing, Lang::En) => {
                "Affordable housing, old-estate renovation, rural homes and resettlement"
            }
            (Domain::Welfare, Lang::Zh) => "低保、特困、残疾人与困难群众救助",
            (Domain::Welfare, Lang::En) => {
                "Minimum living allowance, extreme poverty, disability and hardship relief"
            }
            (Domain::Environment, Lang::Zh) => "供水、污水与垃圾处理、生态与人居环境",
            (Domain::Environment, Lang::En) => {
                "Water supply, sewage and waste, ecology and the living environment"
            }
            (Domain::Governance, Lang::Zh) => "民生实事项目、民生投入、信访与基层治理",
            (Domain::Governance, Lang::En) => {
                "Livelihood projects, overall spending, petitions and local governance"
            }
        }
    }
}

/// Whether a figure reports what was done or sets a goal (decided in `analyze/kind.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Actual,
    Target,
}

impl Kind {
    /// The name serde writes for it.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Actual => "actual",
            Kind::Target => "target",
        }
    }
}

/// One entry of `content/glossary.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub en: String,
    pub note_en: Option<String>,
    pub note_zh: Option<String>,
}

/// The glossary: Chinese term -> its entry.
pub type GlossaryEntries = BTreeMap<String, GlossaryEntry>;

//! Tests of the English of subjects.

use super::names::pinyin_name;
use super::participle::participle;
use super::*;
use crate::model::{GlossaryEntries, GlossaryEntry};

fn english(zh: &str) -> English {
    Glossary::new(&GlossaryEntries::new()).english(zh)
}

#[test]
fn lexicon_words_keep_their_order_and_source() {
    let en = english("新增学位");
    assert_eq!(en.text, "new school places");
    assert_eq!(en.source, Source::Lexicon);
}

#[test]
fn dictionary_words_fill_the_gaps_in_english_order() {
    let en = english("每千人口鸡蛋");
    assert_eq!(en.source, Source::Composed);
    assert!(en.text.ends_with("per 1,000 residents"), "{}", en.text);
    assert!(en.text.starts_with("egg"), "{}", en.text);
    // Every character gets English, names in pinyin if need be.
    assert!(!english("龘龘").text.is_empty());
    assert_eq!(english("5G").text, "5G");
}

#[test]
fn a_subject_of_words_left_out_inside_phrases_still_gets_english() {
    // 方面 is dropped inside 教育方面投入, but alone it is the subject.
    let alone = english("方面");
    assert!(!alone.text.is_empty());
    assert_eq!(alone.source, Source::Composed);
    assert!(!english("教育方面投入").text.contains("respect"));
}

#[test]
fn a_site_term_wins_whole() {
    let mut entries = GlossaryEntries::new();
    entries.insert(
        "医共体".into(),
        GlossaryEntry {
            en: "county medical alliance".into(),
            note_en: None,
            note_zh: None,
        },
    );
    let en = Glossary::new(&entries).english("医共体");
    assert_eq!(
        en,
        English {
            text: "county medical alliance".into(),
            source: Source::Glossary
        }
    );
}

#[test]
fn an_opening_verb_follows_its_object_unless_the_object_says_what_was_done() {
    assert_eq!(english("建成老年食堂").text, "senior canteens built");
    assert_eq!(english("设立托育中心").text, "childcare centres set up");
    assert_eq!(
        english("完成老年食堂改造").text,
        "senior canteens renovated"
    );
    // Not a verb (残疾 is an adjective), or not a participle (新建 -> new): in place.
    assert_eq!(english("新建公园").text, "new parks");
    assert!(english("残疾儿童").text.starts_with("disabled"));
    assert_eq!(english("完成").text, "completed");
    // A verb the lexicon gives as the name of the action: its participle.
    assert_eq!(english("建设口袋公园").text, "pocket parks built");
}

#[test]
fn a_share_names_its_part_and_its_whole() {
    assert_eq!(
        english("教育支出占一般公共预算支出的比重").text,
        "share of education spending in general public budget spending"
    );
    assert_eq!(english("幼儿园占地面积").text, "kindergarten land area");
    assert!(english("民生支出占地方财政支出")
        .text
        .starts_with("share of"));
}

#[test]
fn a_leading_place_is_named_in_pinyin_with_its_level() {
    let en = english("平安县总投资");
    assert!(en.text.starts_with("Ping'an County "), "{}", en.text);
    assert!(en.text.ends_with("total investment"), "{}", en.text);
    assert_eq!(en.source, Source::Composed);
    assert_eq!(pinyin_name("乐都"), "Ledu");
    assert_eq!(pinyin_name("西安"), "Xi'an");
    assert_eq!(pinyin_name("重庆"), "Chongqing");
}

#[test]
fn participles() {
    assert_eq!(participle("build"), "built");
    assert_eq!(participle("renovate"), "renovated");
    assert_eq!(participle("set up"), "set up");
    assert_eq!(participle("apply"), "applied");
    assert_eq!(participle("implement"), "implemented");
    assert_eq!(participle("be born"), "born");
    assert_eq!(participle("officially launch"), "officially launched");
    assert_eq!(participle("supply water"), "supplied water");
    assert_eq!(participle("have eyes on"), "had eyes on");
    assert_eq!(participle("plan"), "planned");
    assert_eq!(participle("equip"), "equipped");
    assert_eq!(participle("stop"), "stopped");
    assert_eq!(participle("visit"), "visited");
    assert_eq!(participle("open"), "opened");
    assert_eq!(participle("install"), "installed");
    assert_eq!(participle("help"), "helped");
    assert_eq!(participle("train"), "trained");
    assert_eq!(participle("go out"), "gone out");
    assert_eq!(participle("seek"), "sought");
}

#[test]
fn dictionary_senses_in_the_lexicon_spelling() {
    assert_eq!(plain("urbanization"), "urbanisation");
    assert_eq!(plain("organized labor center"), "organised labour centre");
    assert_eq!(plain("prize size oversized"), "prize size oversized");
    assert_eq!(plain("prepare to build sth"), "prepare to build");
}

#[test]
fn an_age_band_follows_the_people_it_says_the_ages_of() {
    assert_eq!(
        english("60岁及以上老年人口").text,
        "elderly population aged 60 and over"
    );
    assert_eq!(
        english("3岁以下婴幼儿").text,
        "infants and toddlers under 3"
    );
    assert_eq!(english("35-64岁妇女").text, "women aged 35–64");
    assert_eq!(age_band("2025年"), None);
}

#[test]
fn the_people_a_project_reached_come_first() {
    assert_eq!(
        english("改造老旧小区惠及居民").text,
        "residents benefiting from old residential compounds renovated"
    );
    assert!(!english("老旧小区涉及改造").text.contains("covered by"));
}

#[test]
fn a_relative_phrase_names_the_things_then_what_is_said_of_them() {
    for (zh, en) in [
        // The object and the verb after it.
        (
            "开设托班的幼儿园",
            "kindergartens with nursery classes opened",
        ),
        // A passive says its verb first.
        (
            "被命名为省级卫生村的村",
            "village named provincial health village",
        ),
        // A light verb leaves the saying to its object.
        ("实现提档升级的农村公路", "rural roads upgraded"),
        // A denied verb, even alone, says which things.
        ("未参保的居民", "residents not insured"),
        ("未就业的高校毕业生", "college graduates without employment"),
    ] {
        assert_eq!(english(zh).text, en, "{zh}");
    }
    // Not a measure, money or one verb alone.
    assert!(!english("投入民生方面的支出").text.contains(" with "));
    assert!(!english("受益的患者").text.contains(" with "));
}

#[test]
fn a_word_two_glosses_share_is_said_once() {
    assert_eq!(
        english("医疗保险参保率").text,
        "medical insurance coverage rate"
    );
}

#[test]
fn leading_bases_all_go_last_in_their_order() {
    let en = english("每生每学期接受心理健康教育课程").text;
    assert!(en.ends_with("per student per term"), "{en}");
}

#[test]
fn a_rate_of_doing_names_the_doing_before_it() {
    // An opening verb follows its object (调解纠纷: disputes mediated), but a rate is of the
    // doing, and success is part of the measure.
    assert_eq!(english("调解成功率").text, "mediation success rate");
    assert_eq!(english("调解矛盾纠纷").text, "disputes mediated");
}

#[test]
fn policy_verbs_read_as_what_was_done_not_as_adjectives() {
    // 完善 is "perfect; comprehensive" in the dictionary; in a subject it is work done.
    assert_eq!(
        english("完善综合文化站").text,
        "improved comprehensive cultural stations"
    );
    assert_eq!(english("修缮农房").text, "rural housing repaired");
}

#[test]
fn the_people_a_head_count_counts_are_named_once() {
    assert_eq!(english("在岗教师人数").text, "teachers at post");
    assert!(!english("退休职工人数").text.contains("number of people"));
    assert_eq!(english("体检人数").text.matches("people").count(), 1);
}

#[test]
fn dictionary_senses_lose_their_article_inside_a_label() {
    assert_eq!(english("总投资规划").text, "total investment plan");
}

#[test]
fn a_run_of_opening_verbs_follows_the_object_together() {
    let en = english("优化设置便民服务点");
    assert!(en.text.ends_with("improved and set up"), "{}", en.text);
    assert!(!en.text.starts_with("set up"), "{}", en.text);
}

#[test]
fn a_place_the_dictionary_names_loses_where_it_lies() {
    // CC-CEDICT: "Fengtai county in Huainan , Anhui".
    let en = english("凤台高中");
    assert!(en.text.starts_with("Fengtai County "), "{}", en.text);
    assert!(!en.text.contains("Anhui"), "{}", en.text);
    // A two-character name no dictionary knows, before its level, is read in pinyin.
    let en = english("循化县总投资");
    assert!(en.text.starts_with("Xunhua County "), "{}", en.text);
    // A poor county is not a place called 贫困.
    assert!(!english("贫困县总投资").text.contains("Pinkun"));
}

#[test]
fn policy_words_take_their_policy_sense() {
    assert_eq!(english("骨干教师").text, "key teachers");
    assert_eq!(
        english("整合各类资金").text,
        "all kinds of funds integrated"
    );
    assert!(english("发生各类事故").text.ends_with("accidents occurred"));
    assert_eq!(
        english("集中式饮用水源").text,
        "centralised drinking water sources"
    );
    assert_eq!(
        english("办理法律援助案件").text,
        "legal aid cases processed"
    );
    assert_eq!(
        english("改造提升农贸市场").text,
        "farmers' markets renovated and upgraded"
    );
}

#[test]
fn a_count_of_participants_names_what_they_take_part_in() {
    let en = english("参加失业保险人数");
    assert_eq!(en.text, "unemployment insurance participants");
    assert_eq!(en.source, Source::Lexicon);
    assert_eq!(english("参与人数").text, "participants");
}

#[test]
fn a_change_follows_the_whole_measure_it_is_of() {
    assert_eq!(
        english("参加失业保险人数增加").text,
        "unemployment insurance participants increase"
    );
    assert_eq!(
        english("人均转移性收入增长").text,
        "transfer income per capita growth"
    );
    // The time it is compared with goes unsaid: a change is from the time before.
    assert_eq!(
        english("户籍人口比上年末减少").text,
        "registered population reduction"
    );
    assert_eq!(
        english("居民消费价格比2023年上涨").text,
        "consumer prices rise"
    );
}

#[test]
fn a_note_in_brackets_stays_one_in_english() {
    let en = english("基层综合文化站(中心)");
    assert!(en.text.ends_with("stations (centres)"), "{}", en.text);
    assert!(english("村（社区）卫生室").text.contains("(community)"));
    assert!(!english("（改）建学校").text.contains('('));
}

#[test]
fn a_plural_noun_before_another_is_singular_but_not_before_a_verb() {
    assert_eq!(english("道路交通事故").text, "road traffic accidents");
    assert_eq!(
        english("养老机构床位").text,
        "elderly care institution beds"
    );
    // 持续 is a verb the things do: they stay plural.
    assert!(
        english("薄弱学校持续改善")
            .text
            .starts_with("under-resourced schools continue"),
        "{}",
        english("薄弱学校持续改善").text
    );
}

#[test]
fn help_back_into_work_reads_as_english() {
    let en = english("帮助就业困难人员实现再就业").text;
    assert!(en.starts_with("helped people with difficulty"), "{en}");
    assert!(en.ends_with(" re-employed"), "{en}");
    assert_eq!(
        english("城镇失业人员实现再就业").text,
        "urban unemployed people re-employed"
    );
}

#[test]
fn things_doing_something_read_without_with_and_a_purpose_follows_for() {
    assert_eq!(
        english("通过复核评估的幼儿园").text,
        "kindergartens passing re-assessment"
    );
    assert_eq!(
        english("用于养老服务的财政支出").text,
        "government spending for elderly care services"
    );
}

#[test]
fn jobs_a_project_made_are_driven_by_it() {
    let en = english("发放贷款带动就业").text;
    assert!(en.starts_with("employment driven by loans"), "{en}");
}

#[test]
fn a_list_is_joined_and_a_thing_put_into_use_is_said_after_it() {
    assert_eq!(
        english("新增就业、再就业").text,
        "new jobs and re-employment"
    );
    assert_eq!(english("投用幼儿园").text, "kindergartens put into use");
}

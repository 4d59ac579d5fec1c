//! Metrics read from sentences: subjects, domains, kinds and periods together.

use super::super::text::raw_blocks;
use super::*;
use crate::model::GlossaryEntries;

fn metrics(text: &str) -> Vec<Metric> {
    extract(
        text,
        0,
        &raw_blocks(text),
        &Glossary::new(&GlossaryEntries::new()),
    )
}

/// The subjects of the metrics of `text`, in order.
fn subjects(text: &str) -> Vec<String> {
    metrics(text)
        .into_iter()
        .map(|m| m.subject.into())
        .collect()
}

#[test]
fn subjects_in_both_word_orders() {
    let m =
        metrics("全区新建中小学校17所，新增学位5.3万个，组建了4个医共体，门诊患者满意度96.16%。");
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(
        subjects,
        ["新建中小学校", "新增学位", "组建医共体", "门诊患者满意度"]
    );
    assert_eq!(&*m[1].subject_en, "new school places");
    assert_eq!(m[0].domain, Domain::Education);
    assert_eq!(m[2].domain, Domain::Health);
}

#[test]
fn an_age_band_names_the_people_the_next_figure_counts() {
    let m = metrics("全镇65周岁以上老年人3200人，其中80岁以上高龄老人410人。");
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(
        subjects,
        [
            "老年人年龄",
            "65周岁以上老年人",
            "高龄老人年龄",
            "80岁以上高龄老人"
        ]
    );
    let m = metrics("人均预期寿命78.6岁，比上年提高0.4岁。");
    assert_eq!(&*m[0].subject, "人均预期寿命");
}

#[test]
fn list_items_take_their_own_noun_and_the_frame_of_the_first() {
    assert_eq!(
        subjects("每百户农村居民拥有冰箱80台，电脑30台。"),
        ["每百户农村居民拥有冰箱", "每百户农村居民拥有电脑"]
    );
    // A base alone frames the nouns after it, a noun with its own base keeps that.
    assert_eq!(
        subjects("每千人口执业医师2.9人、注册护士3.4人，每万人口全科医生3.7人。"),
        ["每千人口执业医师", "每千人口注册护士", "每万人口全科医生"]
    );
    assert_eq!(
        subjects("新增就业1200人，城镇登记失业率3.1%。"),
        ["新增就业", "城镇登记失业率"]
    );
    let items = subjects("全面完成12个村卫生室、5个社区卫生机构标准化建设。");
    assert!(items[0].ends_with("村卫生室"), "{items:?}");
    assert!(items[1].starts_with("社区卫生机构"), "{items:?}");
    assert_eq!(
        subjects("建设8个青少年文化体验点。"),
        ["建设青少年文化体验点"]
    );
}

#[test]
fn town_and_country_figures_and_their_growth_are_each_their_own() {
    assert_eq!(
        subjects("城乡居民人均纯收入分别达到3.6万元和1.7万元，分别增长4.8%和7.1%。"),
        [
            "城镇居民人均纯收入",
            "农村居民人均纯收入",
            "城镇居民人均纯收入增长",
            "农村居民人均纯收入增长"
        ]
    );
}

#[test]
fn a_part_that_is_a_noun_of_its_own_is_what_it_counts() {
    assert_eq!(
        subjects("全镇医疗机构40个，其中医院3个。"),
        ["医疗机构", "医院"]
    );
    // A part of an attribute of the whole has that attribute too.
    assert_eq!(
        subjects("图书馆总建筑面积9000平方米，其中书库2100平方米。"),
        ["图书馆总建筑面积", "书库建筑面积"]
    );
    // A word that is no thing of its own is a part of the whole.
    assert_eq!(
        subjects("常住人口30万人，其中男性15.2万人。")[1],
        "常住人口男性"
    );
}

#[test]
fn work_done_for_people_names_the_people_and_the_money() {
    assert_eq!(
        subjects("为480名外来务工人员追回欠薪920万元。"),
        ["追回欠薪的外来务工人员", "追回欠薪"]
    );
}

#[test]
fn a_share_of_a_goal_and_a_net_change_are_of_the_figure_before() {
    assert_eq!(
        subjects("城镇新增就业5200人，完成年度目标的104%。"),
        ["城镇新增就业", "城镇新增就业年度目标完成率"]
    );
    assert_eq!(
        subjects("失业保险参保人数6.3万人，比上年末净增2100人。")[1],
        "失业保险参保人数净增"
    );
}

#[test]
fn a_rate_of_work_done_is_of_the_work_not_its_completion() {
    assert_eq!(
        subjects("完成孕妇产前筛查3600例，筛查率98%。")[1],
        "孕妇产前筛查率"
    );
}

#[test]
fn a_region_s_gdp_and_a_rate_to_achieve_are_named_as_measures() {
    assert_eq!(
        subjects("全县地区生产总值达到180亿元，增长5.8%。"),
        ["地区生产总值", "地区生产总值增长"]
    );
    assert_eq!(
        subjects("力争实现县域内就诊率达到92%，实现再就业800人。"),
        ["县域内就诊率", "实现再就业"]
    );
}

#[test]
fn per_head_rate_keeps_its_base() {
    let m = metrics("每千人口执业医师3.6人。");
    assert_eq!(&*m[0].subject, "每千人口执业医师");
}

#[test]
fn kind_and_period() {
    let m = metrics("2021年，新增养老床位300张。到2025年，力争养老床位达到5000张。");
    assert_eq!(
        (m[0].kind, m[0].period.as_deref()),
        (Kind::Actual, Some("2021"))
    );
    assert_eq!(
        (m[1].kind, m[1].period.as_deref()),
        (Kind::Target, Some("2025"))
    );
    assert_eq!(m[1].domain, Domain::Elderly);
    let m = metrics("“十三五”期间，累计投入近19.26亿元。近5年来，建成学校38所。");
    assert_eq!(m[0].period.as_deref(), Some("十三五"));
    assert_eq!(m[1].period.as_deref(), Some("近5年"));
}

#[test]
fn the_last_period_named_wins_and_carries_over_sentences_and_headings() {
    assert_eq!(last_period("十二五到十五五").as_deref(), Some("十五五"));
    assert_eq!(last_period("十四五期间，2023年").as_deref(), Some("2023"));
    assert_eq!(last_period("2023年和十四五").as_deref(), Some("十四五"));
    assert_eq!(last_period("3年来"), Some("3年来".into()));
    assert_eq!(last_period("第十五届"), None);
    // Every quantity of a sentence gets the period named in the sentence before it.
    let m = metrics("2022年，全区扩容学校。新建学校3所，新增学位1200个。");
    assert_eq!(m.len(), 2);
    assert!(
        m.iter().all(|m| m.period.as_deref() == Some("2022")),
        "{m:?}"
    );
    assert!(std::sync::Arc::ptr_eq(&m[0].sentence, &m[1].sentence));
}

#[test]
fn offsets_point_into_the_file_and_json_values_are_integers() {
    let raw = "近5年来，新（改）建学校\n40\n余所。";
    let m = metrics(raw);
    assert_eq!(m.len(), 1);
    assert_eq!(&raw[m[0].start..m[0].end], "40\n余所");
    assert_eq!(&*m[0].text, "40\n余所");
    let json = serde_json::to_value(&m[0]).unwrap();
    assert_eq!(json["value"], serde_json::json!(40));
    assert_eq!(json["qualifier"], "over");
    assert_eq!(json["id"], "m-1");
}

#[test]
fn money_goes_to_the_domain_named_next_to_it() {
    // The subject (累计投入) names no domain; the clause after it says where it went.
    let m = metrics("五年累计投入8.2亿元，新建和改扩建中小学校舍12所。");
    assert_eq!(m[0].domain, Domain::Education);
    // A sentence listing several domains leaves the money in general livelihood work.
    let m = metrics("全年累计投入30亿元，学校、医院、养老院和保障房建设全面推进。");
    assert_eq!(m[0].domain, Domain::Governance);
}

#[test]
fn a_count_of_projects_of_several_kinds_is_governance() {
    // One of the listed works is housing, one environment: the projects are neither.
    let m = metrics("甲村计划实施农房翻建、污水治理、道路硬化、文化广场等四类15个项目。");
    assert_eq!(&*m[1].text, "15个");
    assert_eq!(m[1].domain, Domain::Governance);
    let m = metrics("今年实施农房翻建15户。");
    assert_eq!(m[0].domain, Domain::Housing);
}

#[test]
fn a_table_copied_as_text_gives_a_figure_per_number() {
    let text = "表一 2024年城乡居民收入\n单位：元、%\n指标 城镇居民 农村居民\n总量 增长 总量 增长\n可支配收入 52000 4.5 24000 6.1\n\n全年收入平稳增长。";
    let m = metrics(text);
    let cells: Vec<(&str, f64, &str)> =
        m.iter().map(|m| (&*m.subject, m.value, &*m.unit)).collect();
    assert_eq!(
        cells,
        [
            ("城镇居民可支配收入", 52000.0, "元"),
            ("城镇居民可支配收入增长", 4.5, "%"),
            ("农村居民可支配收入", 24000.0, "元"),
            ("农村居民可支配收入增长", 6.1, "%"),
        ]
    );
    assert_eq!(&*m[2].text, "24000");
    assert_eq!(m[0].period.as_deref(), Some("2024"));
}

#[test]
fn a_count_right_before_another_counts_the_same_noun() {
    let m = metrics("全年新改建38条52公里农村公路。");
    assert_eq!(m[0].subject, m[1].subject);
    assert!(m[0].subject.ends_with("农村公路"), "{}", m[0].subject);
    // The noun is read whole, even where it opens with a character of 以上 or 以下.
    let m = metrics("新建3家5个下属机构。");
    assert!(m[0].subject.ends_with("下属机构"), "{}", m[0].subject);
}

#[test]
fn money_named_by_its_money_word_alone_takes_what_it_went_to() {
    let m = metrics("去年全县筹集资金2.6亿元，支持义务教育学校改扩建。");
    assert_eq!(&*m[0].subject, "义务教育资金");
    assert_eq!(m[0].domain, Domain::Education);
    // Where nothing names what it went to, the money word stays.
    let m = metrics("去年全县筹集资金2.6亿元。");
    assert_eq!(&*m[0].subject, "筹集资金");
}

#[test]
fn a_place_named_bare_at_the_start_of_a_subject_is_left_out() {
    let m = metrics("海口市今年建成便民生活圈12个。\n\n海口建成便民生活圈12个，改造老旧小区30个。");
    assert_eq!(&*m[1].subject, "建成便民生活圈");
}

#[test]
fn the_set_phrase_for_projects_done_for_the_people_keeps_its_preposition() {
    let m = metrics("城南区为民办十件实事。");
    assert_eq!(&*m[0].subject, "为民办实事");
    assert_eq!(&*m[0].subject_en, "practical tasks for the people");
}

#[test]
fn an_age_band_inside_a_predicate_or_right_after_a_count_keeps_the_count_s_words() {
    // The band is part of what is said of the schools, not where their words end.
    let m = metrics("全县有25所学校开设3-6岁兴趣班。");
    assert_eq!(&*m[0].subject, "开设3-6岁兴趣班的学校");
    // Right after the count, it says whom the count counts, and what is said of them after
    // it is still read.
    let m = metrics("为全市4万名35-64岁妇女免费做健康体检。");
    assert_eq!(&*m[0].subject, "免费做健康体检的妇女");
    // Two such phrases joined by 、 are read as two clauses.
    let m = metrics("为3万名妇女免费做甲项筛查、为2万名老人免费做乙项筛查。");
    assert_eq!(&*m[0].subject, "免费做甲项筛查的妇女");
    assert_eq!(&*m[1].subject, "免费做乙项筛查的老人");
}

#[test]
fn a_verb_of_setting_up_after_the_counted_noun_starts_what_is_said_of_it() {
    let m = metrics("今年18所幼儿园开设托班。");
    assert_eq!(&*m[0].subject, "开设托班的幼儿园");
    assert_eq!(
        &*m[0].subject_en,
        "kindergartens with nursery classes opened"
    );
}

#[test]
fn chao_and_yishang_follow_the_kind_and_a_range_is_a_lower_bound() {
    let qualifiers = |text: &str| -> Vec<(f64, Option<f64>, Qualifier)> {
        let found = metrics(text);
        found
            .iter()
            .map(|m| (m.value, m.value_max, m.qualifier))
            .collect()
    };
    // A floor in a target, an excess in an achievement.
    assert_eq!(
        qualifiers("到2026年，全县托育机构将超过40家。"),
        [(40.0, None, Qualifier::AtLeast)]
    );
    assert_eq!(
        qualifiers("去年全县托育机构超过40家。"),
        [(40.0, None, Qualifier::Over)]
    );
    assert_eq!(
        qualifiers("今年全镇居民医保参保率达到97%以上。"),
        [(97.0, None, Qualifier::Over)]
    );
    // A class bound stays a bound: the villages with 8万元 or more.
    assert_eq!(
        qualifiers("全乡集体经济收入8万元以上的村有6个。")[0],
        (80000.0, None, Qualifier::AtLeast)
    );
    // 年满 and 未满 bound an age.
    assert_eq!(
        qualifiers("为年满65周岁的老人发放补贴。"),
        [(65.0, None, Qualifier::AtLeast)]
    );
    assert_eq!(
        qualifiers("未满3周岁的幼儿可入托。"),
        [(3.0, None, Qualifier::AtMost)]
    );
    assert_eq!(
        qualifiers("每月补贴150至300元。"),
        [(150.0, Some(300.0), Qualifier::AtLeast)]
    );
    assert_eq!(
        qualifiers("每月补贴约150至300元。"),
        [(150.0, Some(300.0), Qualifier::Nearly)]
    );
}

#[test]
fn a_report_of_progress_gives_each_task_as_a_target_and_its_progress_as_done() {
    let kinds = |text: &str| -> Vec<(String, Kind)> {
        metrics(text)
            .into_iter()
            .map(|m| (m.text.to_string(), m.kind))
            .collect()
    };
    let report = "民生实事项目推进情况\n\
                  一、新增普惠托位600个。截至9月底，已新增托位420个，完成率70%。\n\
                  二、改造农村公路120公里，目前已完成85公里。\n";
    let found = kinds(report);
    let kind_of = |text: &str| found.iter().find(|(t, _)| t == text).map(|(_, k)| *k);
    assert_eq!(kind_of("600个"), Some(Kind::Target), "{found:?}");
    assert_eq!(kind_of("420个"), Some(Kind::Actual), "{found:?}");
    assert_eq!(kind_of("70%"), Some(Kind::Actual), "{found:?}");
    assert_eq!(kind_of("120公里"), Some(Kind::Target), "{found:?}");
    assert_eq!(kind_of("85公里"), Some(Kind::Actual), "{found:?}");
    // A review says what was done, and then where things stand.
    let review = kinds("全区民生工作回顾\n新增托位600个。截至年底，已建成托育机构12家。\n");
    assert_eq!(review[0], ("600个".to_string(), Kind::Actual));
}

#[test]
fn respectively_with_no_list_before_it_reads_the_figures_before_it() {
    let m = metrics("城镇居民人均收入3万元，农村居民人均收入2万元，分别增长5%和7%。");
    assert_eq!(&*m[2].subject, "城镇居民人均收入增长");
    assert_eq!(&*m[3].subject, "农村居民人均收入增长");
    // The measure named before 分别 goes with each, its shared words said once.
    let m = metrics("甲保险参保2万人，乙保险参保3万人，参保率分别达95%、99%。");
    assert_eq!(&*m[2].subject, "甲保险参保率");
    assert_eq!(&*m[3].subject, "乙保险参保率");
    let m = metrics("全县有幼儿园12所、小学30所，在校生分别为3000人和12000人。");
    assert_eq!(&*m[3].subject, "小学在校生");
    let m = metrics("今年6项民生项目和8项实事的完成率分别为98%和100%。");
    assert_eq!(&*m[2].subject, "民生项目完成率");
    assert_eq!(&*m[3].subject, "实事完成率");
}

#[test]
fn a_measure_said_before_the_figure_and_de_is_of_the_thing_after_it() {
    let m = metrics("全县建设能容纳500人的中心敬老院一座。");
    assert_eq!(&*m[0].subject, "中心敬老院容纳人数");
    assert_eq!(m[0].domain, Domain::Elderly);
    let m = metrics("开工建设总投资3亿元的区人民医院新院。");
    assert_eq!(&*m[0].subject, "区人民医院新院总投资");
    assert_eq!(m[0].domain, Domain::Health);
    let m = metrics("新建占地50亩的城市公园。");
    assert_eq!(&*m[0].subject, "城市公园占地面积");
    // A share before 的 is of the things counted after it.
    let m = metrics("完成投资60%的项目3个。");
    assert_ne!(&*m[0].subject, "项目投资");
}

#[test]
fn a_count_in_chinese_numerals_ends_the_topic_an_attribute_takes() {
    let m = metrics("今年完成为民办实事项目十二件，总投资3.5亿元。");
    assert_eq!(&*m[1].subject, "为民办实事项目总投资");
    // Traditional script, with Taiwan's word for long-term care.
    let m = metrics("本年度新增長照據點120處。");
    assert_eq!(&*m[0].subject, "新增长照据点");
    assert_eq!(&*m[0].subject_en, "new long-term care sites");
    assert_eq!(m[0].domain, Domain::Elderly);
}

#[test]
fn people_counted_before_what_they_received_are_named_by_it() {
    // The count, then what the people received: the whole phrase, not a noun cut out of it.
    let m = metrics("去年全市共有2.4万人享受城市最低生活保障。");
    assert_eq!(&*m[0].subject, "享受城市最低生活保障");
    assert_eq!(m[0].domain, Domain::Welfare);
    // Households, then what they received: the households that received it.
    let m = metrics("全镇有410户家庭享受住房保障。");
    assert_eq!(&*m[0].subject, "享受住房保障的家庭");
    assert_eq!(&*m[0].subject_en, "households receiving housing support");
}

#[test]
fn doses_are_counted_in_doses_and_premarital_checks_are_health() {
    let m = metrics("全年接种流感疫苗3.1万剂次，开展免费婚检980对。");
    assert_eq!(&*m[0].unit, "剂次");
    assert_eq!(m[0].value, 31000.0);
    assert_eq!(m[1].domain, Domain::Health);
}

#[test]
fn of_which_some_did_more_are_those_of_the_things_counted_before() {
    let m = metrics("全区建成社区托育点12家，其中8家已投入运营。");
    assert_eq!(&*m[1].subject, "投入运营的社区托育点");
    assert!(
        m[1].subject_en.contains("put into operation"),
        "{}",
        m[1].subject_en
    );
    // A share is no count of things: it keeps the subject it had.
    let m = metrics("新建村卫生室20个，其中80%已开工。");
    assert!(!m[1].subject.contains('的'), "{}", m[1].subject);
}

#[test]
fn a_per_base_after_from_stays_a_base_and_an_amount_is_of_what_was_given() {
    let m = metrics(
        "新农合财政补助标准由每人每年450元提高到520元。发放取暖补贴860户，金额达到43万元。",
    );
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(
        subjects,
        [
            "新农合财政补助标准(每人每年)",
            "新农合财政补助标准(每人每年)",
            "发放取暖补贴",
            "取暖补贴金额"
        ]
    );
}

#[test]
fn a_lone_verb_after_a_count_in_the_same_unit_is_said_of_the_same_things() {
    let m = metrics("安置住房新开工900套，基本建成640套。新建公厕12座，建成9座，覆盖3个街道。");
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(
        subjects[..4],
        ["安置住房新开工", "安置住房建成", "新建公厕", "建成公厕"]
    );
    assert_ne!(subjects[4], "建成街道");
}

#[test]
fn a_bare_rate_is_of_what_comes_before_its_verb_or_of_what_is_said_of_the_things() {
    let m = metrics(
        "家庭医生签约服务覆盖慢病患者4.2万人，签约率81%。提供延时托管的小学有58所，覆盖率97%。",
    );
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(subjects[1], "家庭医生签约率");
    assert_eq!(subjects[3], "延时托管覆盖率");
}

#[test]
fn people_given_something_and_a_level_named_like_a_place() {
    let m = metrics("为640名孤寡老人发放高龄津贴。其中乡镇级敬老院5家，街道级日间照料中心7家。");
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(
        subjects,
        [
            "发放高龄津贴的孤寡老人",
            "乡镇级敬老院",
            "街道级日间照料中心"
        ]
    );
    // A gloss opening in -ing that is not the verb's keeps the "with".
    assert!(m[0].subject_en.contains(" with "), "{}", m[0].subject_en);
}

#[test]
fn a_measure_of_each_thing_and_a_capacity_belong_to_the_things() {
    let m =
        metrics("新建垃圾中转站4座，日处理能力达到300吨。改造乡镇敬老院6所，每所补助资金50万元。");
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(subjects[1], "垃圾中转站日处理能力");
    assert_eq!(subjects[3], "补助资金(每所)");
    assert_eq!(
        &*m[1].subject_en,
        "waste transfer station daily treatment capacity"
    );
    // The things each figure is for, named after 每个, with a manner word before the verb.
    let m = metrics("每个街道至少建成1个社区食堂。");
    assert_eq!(&*m[0].subject, "建成社区食堂(每个街道)");
    assert_eq!(
        &*m[0].subject_en,
        "community canteens built (per subdistrict)"
    );
}

#[test]
fn respective_changes_compared_with_last_year_are_changes_of_each_rate() {
    let m =
        metrics("城镇登记失业率为3.1%，农村劳动力转移率为62%，分别较上年提高0.4和1.8个百分点。");
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(subjects[2], "城镇登记失业率提高");
    assert_eq!(subjects[3], "农村劳动力转移率提高");
    assert_eq!(&*m[2].unit, "个百分点");
}

#[test]
fn a_level_shortened_to_is_the_measure_and_last_year_is_no_part_of_it() {
    let m = metrics("急救平均到达时间由去年的16分钟缩短到13分钟。平均住院日缩短至6.8天。");
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(
        subjects,
        ["急救平均到达时间", "急救平均到达时间", "平均住院日"]
    );
    assert_eq!(&*m[2].subject_en, "average length of stay");
}

#[test]
fn a_quality_rate_and_an_output_are_of_what_the_figure_before_measures() {
    let m = metrics("全年水质优良天数达到341天，优良率93.4%。油菜播种面积8.5万亩，总产量1.2万吨。");
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(subjects[1], "水质优良率");
    assert_eq!(subjects[3], "油菜总产量");
}

#[test]
fn who_did_the_work_in_all_is_no_part_of_what_was_done() {
    let m = metrics("全年各级法院共审结民事案件5400件。全县托育机构共有从业人员320人。");
    let subjects: Vec<&str> = m.iter().map(|m| &*m.subject).collect();
    assert_eq!(subjects, ["审结民事案件", "从业人员"]);
}

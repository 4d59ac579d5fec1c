use super::*;

fn before(before: &str) -> String {
    subject(&Around {
        before,
        ..Around::default()
    })
    .text
}

#[test]
fn the_phrase_before_the_number_without_place_time_and_links() {
    assert_eq!(before("荣昌区新增医疗机构"), "新增医疗机构");
    assert_eq!(
        before("全县新生儿“三病”免费筛查率达"),
        "新生儿“三病”免费筛查率"
    );
    assert_eq!(before("2025年，城镇登记失业率控制在"), "城镇登记失业率");
    assert_eq!(before("这一年新增养老床位"), "新增养老床位");
    assert_eq!(before("明年拟新增公交线路"), "新增公交线路");
    assert_eq!(before("同年新增床位"), "新增床位");
    assert_eq!(before("该项目总投资"), "项目总投资");
    assert_eq!(before("我们将新建学校"), "新建学校");
    assert_eq!(before("今年以来全市共完成疫苗接种"), "完成疫苗接种");
    // The edge of a time goes with it.
    assert_eq!(before("确保年底前完成"), "完成");
    assert_eq!(before("2026年前新建"), "新建");
    assert_eq!(before("2024年前期投入"), "前期投入");
    // 预期 of 预期寿命 is no goal word.
    assert_eq!(before("预期寿命"), "预期寿命");
    assert_eq!(before("在教育方面，新建学校"), "新建学校");
    // 县里 and 区里 say who did it, as a place would.
    assert_eq!(before("县里招聘社区医生"), "招聘社区医生");
    assert_eq!(before("为此区里新建驿站"), "新建驿站");
    // 使 and 让 make something so; what they make so is the subject.
    assert_eq!(before("使全区学前教育普惠率达"), "学前教育普惠率");
    assert_eq!(before("让城区绿化覆盖率提高到"), "城区绿化覆盖率");
    // How well it was done is not what was done.
    assert_eq!(before("高标准建成村卫生室"), "建成村卫生室");
    assert_eq!(before("高品质完成院落改造"), "完成院落改造");
    // A kind of 小区 is what was done; a district named with one character before 城区 is
    // a place.
    assert_eq!(before("老旧小区改造惠及居民"), "老旧小区改造惠及居民");
    assert_eq!(before("钢城区新建学校"), "新建学校");
    // 建成区 ends like a district's name, but is the built-up area.
    assert_eq!(before("建成区绿化覆盖率达"), "建成区绿化覆盖率");
    // A quotation mark whose pair is past the figure is left out.
    assert_eq!(before("实现“城镇新增就业"), "实现城镇新增就业");
    assert_eq!(before("开展“四帮四扶”工程"), "开展“四帮四扶”工程");
    // 新 of 新改建 and 新(改)建 is part of the verb, not "newly".
    assert_eq!(before("全区新改建公办幼儿园"), "新改建公办幼儿园");
    assert_eq!(before("新（改）建学校"), "新（改）建学校");
    // 现在 is a time word, 旗 (a banner, Inner Mongolia's county) a place like 县.
    assert_eq!(before("现在全区有三甲医院"), "三甲医院");
    assert_eq!(before("全县共有乡镇卫生院"), "乡镇卫生院");
    assert_eq!(before("旗拥有调频发射台"), "调频发射台");
    assert_eq!(
        before("城乡居民最低生活保障标准为每人每月"),
        "城乡居民最低生活保障标准(每人每月)"
    );
}

#[test]
fn a_verb_alone_takes_the_noun_after_the_measure_word() {
    let around = Around {
        before: "完成",
        after: "特殊困难老年人家庭适老化改造，",
        counts_things: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "完成特殊困难老年人家庭适老化改造");
    let around = Around {
        before: "，新建英林托育园等",
        after: "婴幼儿照护服务机构示范点，",
        counts_things: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "新建婴幼儿照护服务机构示范点");
    // A name in quotes is the noun; a demonstrative names nothing; 主要 before a verb ends the
    // noun.
    let quoted = Around {
        before: "新建",
        after: "“儿童之家”；",
        ..around
    };
    assert_eq!(subject(&quoted).text, "新建儿童之家");
    let pointed = Around {
        before: "这",
        after: "惠民实事主要包括新建学校、改造道路。",
        ..around
    };
    assert_eq!(subject(&pointed).text, "惠民实事");
}

#[test]
fn changes_parts_and_list_items_borrow_from_the_figure_before() {
    let change = Around {
        before: "，同比增长",
        previous: Some("一般公共预算收入"),
        ..Around::default()
    };
    assert_eq!(subject(&change).text, "一般公共预算收入增长");
    let item = Around {
        before: "、中小学",
        shared_verb: Some("新建"),
        counts_things: true,
        ..Around::default()
    };
    assert_eq!(subject(&item).text, "新建中小学");
    let reach = Around {
        before: "，涉及棠香街道、龙水镇等",
        after: "镇街。",
        previous: Some("改造老旧小区"),
        counts_things: true,
        ..Around::default()
    };
    assert_eq!(subject(&reach).text, "改造老旧小区涉及镇街");
    let from = Around {
        before: "乡村医生中执业医师的比例由2022年的",
        ..Around::default()
    };
    assert_eq!(subject(&from).text, "乡村医生中执业医师的比例");
    let from_level = Around {
        before: "县财政补助标准从",
        ..Around::default()
    };
    assert_eq!(subject(&from_level).text, "财政补助标准");
    let to = Around {
        before: "提高到2023年的",
        previous: Some("乡村医生中执业医师的比例"),
        ..Around::default()
    };
    assert_eq!(subject(&to).text, "乡村医生中执业医师的比例");
}

fn counted(before: &str, after: &str) -> String {
    subject(&Around {
        before,
        after,
        counts_things: true,
        last_in_clause: true,
        ..Around::default()
    })
    .text
}

#[test]
fn names_or_a_place_before_a_count_say_which_ones_not_what_is_counted() {
    assert_eq!(counted("，改造东关、西关、南关", "片区，"), "改造片区");
    assert_eq!(counted("，河口县", "村通了客运班车，"), "村");
    assert_eq!(counted("也让河口县", "群众的收入增加，"), "群众");
}

#[test]
fn money_is_named_by_what_it_is_for() {
    let around = Around {
        before: "，区财政投入",
        after: "用于乡镇卫生院设备更新，",
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "乡镇卫生院设备更新财政投入");
}

#[test]
fn an_attribute_belongs_to_the_topic_of_an_earlier_clause() {
    let around = Around {
        before: "总投资",
        earlier: "实施城南污水处理厂扩建工程，",
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "城南污水处理厂扩建工程总投资");
    let around = Around {
        before: "占地面积",
        earlier: "区养老服务中心位于滨河路，",
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "养老服务中心占地面积");
    // The topic's own attribute is not the owner of the next one.
    let around = Around {
        before: "年发电量",
        earlier: "建成村级风电站装机容量800千瓦，",
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "村级风电站年发电量");
    // Who tells it is not what it is about.
    let around = Around {
        before: "总投资",
        earlier: "记者从县住建委了解到，",
        ..Around::default()
    };
    assert!(!subject(&around).text.contains("记者"));
}

#[test]
fn a_count_alone_in_its_clause_takes_what_is_said_of_it() {
    assert_eq!(
        counted("", "幼儿园被评为省级示范园。"),
        "被评为省级示范园的幼儿园"
    );
    // A word of manner before the verb is said of the people, not part of them.
    assert_eq!(counted("为", "困难老人免费体检。"), "免费体检的困难老人");
    assert_eq!(counted("为", "困难老人体检。"), "体检的困难老人");
    assert_eq!(
        counted("为", "老年人提供免费体检。"),
        "提供免费体检的老年人"
    );
    // 其余 names nothing, and a word of time ends the noun.
    assert_eq!(counted("其余", "子项近日开工。"), "近日开工的子项");
}

#[test]
fn a_noun_after_the_count_keeps_its_short_note_in_brackets() {
    assert_eq!(counted("覆盖", "村(社区)，"), "覆盖村(社区)");
}

#[test]
fn a_list_before_respectively_gives_each_figure_its_measure() {
    let mut list = Respectively::of("，门诊人次、住院人次分别增长", 2).expect("a list");
    assert_eq!(list.next_subject().as_deref(), Some("门诊人次增长"));
    assert_eq!(list.next_subject().as_deref(), Some("住院人次增长"));
    assert_eq!(list.next_subject(), None);
    let mut shared = Respectively::of("城镇和农村居民人均可支配收入分别为", 2).expect("a list");
    assert_eq!(
        shared.next_subject().as_deref(),
        Some("城镇居民人均可支配收入")
    );
    assert_eq!(
        shared.next_subject().as_deref(),
        Some("农村居民人均可支配收入")
    );
    assert!(Respectively::of("，全区分别", 2).is_none());
    assert!(only_separates("、"));
    assert!(!only_separates("，其中"));
}

#[test]
fn one_measure_for_town_and_country_gives_a_figure_to_each() {
    let mut list = Respectively::of("，城乡低保标准分别提高到每人每月", 2).expect("a list");
    assert_eq!(
        list.next_subject().as_deref(),
        Some("城镇低保标准(每人每月)")
    );
    assert_eq!(
        list.next_subject().as_deref(),
        Some("农村低保标准(每人每月)")
    );
    // One figure, or figures that name their side themselves: no split.
    assert!(Respectively::of("，城乡居民医保补助标准分别提高到", 1).is_none());
    assert!(Respectively::of("，城乡低保对象分别为城镇", 2).is_none());
}

#[test]
fn a_manner_word_before_a_noun_says_what_kind_it_is() {
    assert_eq!(before("基本医疗保险参保率达"), "基本医疗保险参保率");
    assert_eq!(before("重点人群签约率"), "重点人群签约率");
    assert_eq!(before("高标准农田面积达到"), "高标准农田面积");
    // Before a verb it says how the work was done.
    assert_eq!(before("基本建成学校"), "建成学校");
    assert_eq!(before("全部学校"), "学校");
}

#[test]
fn a_heading_run_into_the_text_is_left_out() {
    assert_eq!(before("八、人口与就业 年末常住人口"), "常住人口");
}

#[test]
fn a_verb_alone_before_people_counts_the_people() {
    let around = Around {
        before: "，受伤",
        counts_things: true,
        counts_people: true,
        last_in_clause: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "受伤人数");
}

#[test]
fn a_list_before_in_turn_is_a_list_too() {
    let mut list = Respectively::of("，户厕普及率、污水处理率依次提高到", 2).expect("a list");
    assert_eq!(list.next_subject().as_deref(), Some("户厕普及率"));
}

#[test]
fn a_noun_between_two_counts_belongs_to_the_first() {
    let second = Around {
        before: "乡镇",
        after: "村通了公交，",
        counts_things: true,
        last_in_clause: true,
        follows_figure: true,
        ..Around::default()
    };
    assert_eq!(subject(&second).text, "通了公交的村");
    // The first figure of a clause keeps the noun before it.
    let first = Around {
        follows_figure: false,
        ..second
    };
    assert_eq!(subject(&first).text, "乡镇");
}

#[test]
fn an_attribute_belongs_to_the_kind_a_list_of_examples_names() {
    let around = Around {
        before: "总投资",
        earlier: "今年计划实施东苑、北苑等老旧小区雨污分流改造，",
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "老旧小区雨污分流改造总投资");
}

#[test]
fn the_reach_of_a_project_is_not_the_reach_of_its_cost() {
    let around = Around {
        before: "，涉及",
        after: "居民。",
        previous: Some("雨污分流改造总投资"),
        counts_things: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "雨污分流改造涉及居民");
}

#[test]
fn a_list_number_opening_a_clause_is_not_its_topic() {
    for earlier in [
        "三、实施城东养老服务中心扩建，",
        "（二）实施城东养老服务中心扩建，",
        "二是实施城东养老服务中心扩建，",
    ] {
        let around = Around {
            before: "总投资",
            earlier,
            ..Around::default()
        };
        assert_eq!(subject(&around).text, "城东养老服务中心扩建总投资");
    }
}

#[test]
fn a_plan_period_or_a_span_of_years_is_time_not_subject() {
    for before in [
        "“十二五”期间共计投入",
        "十四五以来累计投入",
        "五年来累计投入",
    ] {
        let around = Around {
            before,
            ..Around::default()
        };
        assert_eq!(subject(&around).text, "投入", "{before}");
    }
}

#[test]
fn what_is_said_of_a_counted_noun_in_the_passive_or_with_tong_guo_says_which_ones() {
    for (after, expected) in [
        ("村被命名为省级卫生村，", "被命名为省级卫生村的村"),
        (
            "幼儿园通过市级示范幼儿园评估，",
            "通过市级示范幼儿园评估的幼儿园",
        ),
    ] {
        let around = Around {
            after,
            counts_things: true,
            last_in_clause: true,
            ..Around::default()
        };
        assert_eq!(subject(&around).text, expected);
    }
}

#[test]
fn a_rate_named_by_its_verb_is_the_rate_of_what_the_figure_before_counts() {
    for (previous, before, expected) in [
        ("创建充分就业社区", "，创建率达", "充分就业社区创建率"),
        (
            "城乡居民医疗保险参保人数",
            "，参保率",
            "城乡居民医疗保险参保率",
        ),
    ] {
        let around = Around {
            before,
            previous: Some(previous),
            follows_figure: true,
            ..Around::default()
        };
        assert_eq!(subject(&around).text, expected);
    }
}

#[test]
fn the_people_a_programme_reaches_are_its_own() {
    let around = Around {
        before: "参保对象达",
        earlier: "推进长期护理保险扩面工程，",
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "长期护理保险扩面工程参保对象");
    let around = Around {
        before: "成员达到",
        earlier: "组建农村专业服务队伍5个，",
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "农村专业服务队伍成员");
    // With no figure before, the reach is of what the clause before is about.
    let around = Around {
        before: "惠及群众",
        earlier: "实施山区饮水安全巩固工程，",
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "山区饮水安全巩固工程惠及群众");
}

#[test]
fn money_a_lone_verb_got_is_named_by_what_follows() {
    let around = Around {
        before: "，获",
        after: "专项债支持。",
        counts_money: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "获专项债");
}

#[test]
fn a_verb_of_doing_after_a_counted_noun_starts_its_predicate() {
    let around = Around {
        before: "对",
        after: "交通拥堵点开展微改造。",
        counts_things: true,
        last_in_clause: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "开展微改造的交通拥堵点");
}

#[test]
fn a_counted_noun_with_its_description_first() {
    let around = Around {
        after: "有就业能力和意愿的退捕渔民",
        counts_things: true,
        counts_people: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "有就业能力和意愿的退捕渔民");
    // Of a list of descriptions the last is nearest the noun; an adjective alone (新) is no
    // noun.
    let around = Around {
        after: "新升入初中、未接种过疫苗的女生免费接种",
        ..around
    };
    assert_eq!(subject(&around).text, "未接种过疫苗的女生");
}

#[test]
fn beds_set_up_are_the_beds_of_what_the_sentence_is_about() {
    let around = Around {
        before: "设置床位",
        earlier: "县社会福利中心去年投入运营，",
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "社会福利中心床位");
    let alone = Around {
        before: "设置床位",
        ..Around::default()
    };
    assert_eq!(subject(&alone).text, "设置床位");
}

#[test]
fn the_reach_of_a_project_is_of_the_project() {
    let around = Around {
        before: "惠及居民",
        previous: Some("改造城镇老旧小区"),
        earlier: "今年改造城镇老旧小区58个，",
        counts_things: true,
        last_in_clause: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "改造城镇老旧小区惠及居民");
}

#[test]
fn the_reach_before_its_count_is_of_the_project_too() {
    let around = Around {
        before: "惠及",
        after: "群众",
        previous: Some("改造老旧小区"),
        earlier: "改造老旧小区222个，",
        counts_things: true,
        last_in_clause: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "改造老旧小区惠及群众");
}

#[test]
fn a_part_named_after_zhong_you_is_what_is_counted() {
    let around = Around {
        before: "在常住人口中有少数民族人口",
        counts_people: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "少数民族人口");
}

#[test]
fn work_said_after_the_counted_things_says_which_ones() {
    let around = Around {
        before: "完成",
        after: "学校的智能黑板改造，",
        clause_after: "学校的智能黑板改造，",
        counts_things: true,
        last_in_clause: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "完成智能黑板改造的学校");
    let promise = Around {
        before: "三年引进",
        after: "优质学校的承诺基本兑现，",
        clause_after: "优质学校的承诺基本兑现，",
        ..around
    };
    assert_eq!(subject(&promise).text, "三年引进优质学校");
    // 完成2家医院和12家卫生院的智能黑板改造: the work is said once, after the second count.
    let first = Around {
        before: "完成城南医院等",
        after: "医院和",
        clause_after: "医院和12家卫生院的智能黑板改造，",
        last_in_clause: false,
        ..around
    };
    assert_eq!(subject(&first).text, "完成智能黑板改造的医院");
    let second = Around {
        before: "家医院和",
        after: "卫生院的智能黑板改造，",
        clause_after: "卫生院的智能黑板改造，",
        shared_verb: Some("完成"),
        follows_figure: true,
        ..around
    };
    assert_eq!(subject(&second).text, "完成智能黑板改造的卫生院");
}

#[test]
fn a_share_of_a_goal_done_is_its_completion_rate() {
    let around = Around {
        before: "上半年完成年度目标的",
        percent: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "年度目标完成率");
}

#[test]
fn a_phrase_ending_in_ba_says_nothing_of_what_is_counted() {
    let around = Around {
        before: "连续五年把",
        after: "的新增财力投向社会事业。",
        percent: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "新增财力投向社会事业");
}

#[test]
fn an_amount_per_head_in_a_clause_of_its_own_is_of_what_the_clause_before_gives() {
    let around = Around {
        before: "每生每天",
        earlier: "三、为农村寄宿生发放交通补助，",
        counts_money: true,
        ..Around::default()
    };
    assert_eq!(subject(&around).text, "交通补助(每生每天)");
}

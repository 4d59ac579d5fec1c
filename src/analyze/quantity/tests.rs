use super::*;

fn one(text: &str) -> (String, f64, Option<f64>, String, Qualifier) {
    let found = scan(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    let q = &found[0];
    (
        text[q.start..q.end].to_string(),
        q.value,
        q.value_max,
        q.unit.clone(),
        q.qualifier,
    )
}

fn value(text: &str) -> (f64, String) {
    let (_, value, _, unit, _) = one(text);
    (value, unit)
}

#[test]
fn forms_of_numbers() {
    assert_eq!(
        one("投入资金9000余万元，"),
        ("9000余万元".into(), 9e7, None, "元".into(), Qualifier::Over)
    );
    assert_eq!(
        one("先后投入近19.26亿元"),
        (
            "近19.26亿元".into(),
            1.926e9,
            None,
            "元".into(),
            Qualifier::Nearly
        )
    );
    assert_eq!(value("压减作业总量1/2以上"), (0.5, "ratio".into()));
    // A rate per 100,000 (or 10,000, 1,000) is given per its base, not divided by it.
    assert_eq!(value("孕产妇死亡率7.3/10万"), (7.3, "/10万".into()));
    assert_eq!(value("发病率2.1/万"), (2.1, "/万".into()));
    assert_eq!(value("达7成以上"), (70.0, "%".into()));
    assert_eq!(value("有1.4万留守老人"), (14000.0, "人".into()));
    assert_eq!(value("新增就业159,670人"), (159670.0, "人".into()));
    assert_eq!(value("一千二百名教师"), (1200.0, "名".into()));
    assert_eq!(value("百分之八十五"), (85.0, "%".into()));
    assert_eq!(value("床位1000張"), (1000.0, "张".into()));
    assert_eq!(value("两万余人"), (20000.0, "人".into()));
    // A part below the magnitude in digits with a smaller one.
    assert_eq!(value("投入1万2千元"), (12000.0, "元".into()));
    assert_eq!(value("共2亿3千万元"), (230_000_000.0, "元".into()));
    assert_eq!(value("住房5平米"), (5.0, "平方米".into()));
    // A bare magnitude with a qualifier or 余.
    assert_eq!(one("近百所学校参与").4, Qualifier::Nearly);
    assert_eq!(value("近百所学校参与"), (100.0, "所".into()));
    assert_eq!(value("万余人次就诊"), (10000.0, "人次".into()));
}

#[test]
fn ranges_keep_both_ends() {
    assert_eq!(
        one("60至69周岁老人"),
        (
            "60至69周岁".into(),
            60.0,
            Some(69.0),
            "周岁".into(),
            Qualifier::Exact
        )
    );
    assert_eq!(one("用3至5年时间").2, Some(5.0));
    assert_eq!(one("补贴3万元至5万元").1, 30000.0);
    assert_eq!(one("补贴3万元至5万元").2, Some(50000.0));
    assert_eq!(one("补贴3至5万元").2, Some(50000.0));
    assert_eq!(one("占比30%——50%").2, Some(50.0));
    assert_eq!(one("气温10~15℃").2, Some(15.0));
    assert_eq!(one("比例为百分之二十五到三十").2, Some(30.0));
    assert_eq!(one("百分之十至百分之十五，").2, Some(15.0));
    // Neighbouring digits said together are an estimate, not 78 or 34.
    assert_eq!(one("来了七八个人").1, 7.0);
    assert_eq!(one("来了七八个人").2, Some(8.0));
    assert_eq!(one("三四百人参加").1, 300.0);
    assert_eq!(one("三四百人参加").2, Some(400.0));
    assert_eq!(one("花了七八万元").2, Some(80000.0));
    assert_eq!(one("用了一两天").2, Some(2.0));
    // Not after 十 (十四五 names a plan), nor digits apart (七五折).
    assert_eq!(one("“十四五”期间新增3个").1, 3.0);
    assert_eq!(value("全场七五折"), (75.0, "%".into()));
}

#[test]
fn money_signs_halves_and_discounts() {
    assert_eq!(value("收费50元6角3分"), (50.63, "元".into()));
    assert_eq!(value("只要3块5毛"), (3.5, "元".into()));
    assert_eq!(value("卖八块五"), (8.5, "元".into()));
    assert_eq!(value("找零5毛钱"), (0.5, "元".into()));
    assert_eq!(value("合计壹仟玖佰圆整"), (1900.0, "元".into()));
    assert_eq!(value("售价100美元"), (100.0, "美元".into()));
    assert_eq!(value("兑换2000港币"), (2000.0, "港元".into()));
    // A currency named before the number and 元 after it.
    assert_eq!(value("票价新台币3000元"), (3000.0, "新台币".into()));
    assert_eq!(value("港币50元"), (50.0, "港元".into()));
    assert_eq!(value("人民币80元"), (80.0, "元".into()));
    // A currency sign before the number.
    assert_eq!(value("另付$100。"), (100.0, "美元".into()));
    assert_eq!(value("售价€50，"), (50.0, "欧元".into()));
    assert_eq!(value("HK$20"), (20.0, "港元".into()));
    assert_eq!(value("增长-22.2%"), (-22.2, "%".into()));
    assert_eq!(value("气温负0.2度"), (-0.2, "度".into()));
    assert_eq!(value("最低零下5摄氏度"), (-5.0, "℃".into()));
    assert_eq!(value("下降负百分之五"), (-5.0, "%".into()));
    assert_eq!(value("零下十二度"), (-12.0, "℃".into()));
    assert_eq!(value("运了一吨半"), (1.5, "吨".into()));
    assert_eq!(value("走了两米半"), (2.5, "米".into()));
    assert_eq!(value("用时一个半小时"), (1.5, "小时".into()));
    assert_eq!(value("全场七五折"), (75.0, "%".into()));
    assert_eq!(value("打8.5折"), (85.0, "%".into()));
    assert_eq!(value("占三成半"), (35.0, "%".into()));
    assert_eq!(value("万分之五"), (5.0, "‱".into()));
    assert_eq!(value("重25kg的"), (25.0, "kg".into()));
    assert_eq!(value("流量10GB"), (10.0, "GB".into()));
    assert_eq!(value("余额82，225.00元"), (82225.0, "元".into()));
}

#[test]
fn not_quantities() {
    for text in [
        "2021年，",
        "4月18日",
        "下午4点",
        "重庆八中",
        "三年级(1)班",
        "八年级1班",
        "5G基站",
        "“十三五”期间",
        "“3815”战略",
        "“1+4+5+N”",
        "创成三甲",
        "第3届",
        "近5年来",
        "3年来",
        "千家万户",
        "建成了一所学校",
        "8:30开始",
        "惠及百万家庭",
        "做好三篇文章",
        "2022年5月7日",
        "十四五规划",
        "“四门”服务",
        "1.新建学校",
        "S323国道",
        "4S店",
        "2020-2022年",
        "三方协议",
        "陆续建成",
        "负责人",
        "折合人民币",
    ] {
        assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
    }
}

#[test]
fn a_lone_one_counts_before_money_and_measures_but_is_the_article_before_measure_words() {
    assert_eq!(value("门票一元"), (1.0, "元".into()));
    assert_eq!(value("只花了一块钱"), (1.0, "元".into()));
    assert_eq!(value("运来一吨大米"), (1.0, "吨".into()));
    assert_eq!(value("产值翻了一倍"), (1.0, "倍".into()));
    assert!(scan("新建一所学校").is_empty());
    assert!(scan("打通服务的最后一公里").is_empty());
}

#[test]
fn digits_may_stand_a_space_apart_from_their_unit() {
    assert_eq!(value("全年增长 5 %"), (5.0, "%".into()));
    // Spaces between the characters of a number, as some text is typed.
    assert_eq!(
        one("全场打 陆 点 五 折"),
        (
            "陆 点 五 折".into(),
            65.0,
            None,
            "%".into(),
            Qualifier::Exact
        )
    );
    assert_eq!(value("提高 一百五十  个百分点"), (150.0, "个百分点".into()));
    // Two groups of ASCII digits are two columns, not one number: 8%, not 58%.
    assert_eq!(value("两年分别为 5 8%"), (8.0, "%".into()));
    assert_eq!(value("共投入 3.5 亿元"), (3.5e8, "元".into()));
    assert_eq!(value("新建 12 所学校"), (12.0, "所".into()));
    assert!(scan("获评第 3 名").is_empty());
    assert!(scan("截至 2023 年底").is_empty());
    // A Chinese numeral, too, as copied from a laid-out page.
    assert_eq!(value("连续开放七 天"), (7.0, "天".into()));
    assert_eq!(value("培训二十 课时"), (20.0, "课时".into()));
}

#[test]
fn seconds_and_liang_count_but_not_in_clock_times_or_numbers() {
    assert_eq!(value("急救到达提前了40秒"), (40.0, "秒".into()));
    assert_eq!(value("平均用时四十五秒"), (45.0, "秒".into()));
    assert!(scan("于9时45分20秒开闸").is_empty());
    assert!(scan("15点08分50秒").is_empty());
    assert_eq!(value("平均办结用时缩短到3分45秒"), (225.0, "秒".into()));
    assert_eq!(value("跑完用时十二分零五秒"), (725.0, "秒".into()));
    assert!(scan("参加5秒杀活动").is_empty());
    // 两 after another numeral is the unit liang; before a magnitude, or first, it is two.
    assert_eq!(value("每户补贴食用油20两"), (20.0, "两".into()));
    assert_eq!(value("每份茶叶五两"), (5.0, "两".into()));
    assert_eq!(value("储备药材四十两"), (40.0, "两".into()));
    assert_eq!(value("储备药材四十兩"), (40.0, "两".into()));
    assert_eq!(value("惠及三万两千人"), (32000.0, "人".into()));
    assert_eq!(one("用时一两个月").2, Some(2.0));
}

#[test]
fn english_units_of_length_are_words_of_their_own() {
    assert_eq!(value("跑道长 400 feet"), (400.0, "英尺".into()));
    assert_eq!(value("屏幕 55 inch"), (55.0, "英寸".into()));
    assert_eq!(value("全程 3 miles"), (3.0, "英里".into()));
    assert!(scan("5 footnotes").is_empty());
}

#[test]
fn words_that_begin_after_a_number_are_no_units() {
    assert!(scan("结果如表3所示").is_empty());
    assert_eq!(value("每个街道建成1所以上"), (1.0, "所".into()));
    assert!(scan("仓库存放半成品").is_empty());
    assert!(scan("详见 https://example.cn/q?a=30%25&b=2020").is_empty());
}

#[test]
fn other_ways_to_write_numbers_and_shares() {
    assert_eq!(value("接待游客廿三万人次"), (230_000.0, "人次".into()));
    assert_eq!(value("全村卅户"), (30.0, "户".into()));
    assert_eq!(value("装机一百千瓦"), (100.0, "千瓦".into()));
    assert_eq!(value("存储五十兆字节"), (50.0, "兆字节".into()));
    assert_eq!(value("华氏温度98.6度"), (98.6, "℉".into()));
    assert_eq!(value("商品打对折"), (50.0, "%".into()));
    assert_eq!(value("利润率提高半成"), (5.0, "%".into()));
    assert_eq!(value("七成六的家庭"), (76.0, "%".into()));
    assert_eq!(value("共１２，３４５人"), (12345.0, "人".into()));
    assert_eq!(value("售价500奈拉"), (500.0, "奈拉".into()));
    assert_eq!(
        one("花了二十几万元"),
        (
            "二十几万元".into(),
            200_000.0,
            None,
            "元".into(),
            Qualifier::Over
        )
    );
}

#[test]
fn small_money_after_yuan_and_jiao() {
    assert_eq!(value("找回三块四分"), (3.04, "元".into()));
    assert_eq!(value("车费三块零四"), (3.04, "元".into()));
    assert_eq!(value("价格两毛五"), (0.25, "元".into()));
    assert_eq!(value("只要五毛。"), (0.5, "元".into()));
    assert_eq!(value("邮费3元5分"), (3.05, "元".into()));
    assert!(scan("读三毛的书").is_empty());
    assert_eq!(
        one("大约人民币3.25"),
        (
            "大约人民币3.25".into(),
            3.25,
            None,
            "元".into(),
            Qualifier::Nearly
        )
    );
    assert_eq!(value("港币500"), (500.0, "港元".into()));
}

#[test]
fn bounds_said_in_words_qualify_the_number() {
    let qualifier = |text: &str| one(text).4;
    assert_eq!(qualifier("每人至少3000元"), Qualifier::AtLeast);
    assert_eq!(qualifier("每户最多5000元"), Qualifier::AtMost);
    assert_eq!(qualifier("总产值突破180亿元"), Qualifier::Over);
    assert_eq!(qualifier("年均气温15℃上下"), Qualifier::Nearly);
    assert_eq!(qualifier("不多于20人"), Qualifier::AtMost);
}

#[test]
fn the_unit_after_ge_and_spelling_variants() {
    assert_eq!(value("值守十二个小时"), (12.0, "小时".into()));
    assert_eq!(value("装了六个加仑"), (6.0, "加仑".into()));
    assert_eq!(value("开展5个项目"), (5.0, "个".into()));
    assert_eq!(one("来了三两个人").2, Some(3.0));
    assert_eq!(value("体温摄氏37°"), (37.0, "℃".into()));
    assert_eq!(value("跑道长400公尺"), (400.0, "米".into()));
    assert_eq!(value("加水四分之一公升"), (0.25, "升".into()));
    assert_eq!(value("用了一个半月"), (1.5, "个月".into()));
    assert_eq!(value("建设周期三年半"), (3.5, "年".into()));
    assert!(scan("近3年来").is_empty());
    assert_eq!(value("夜间零下10度"), (-10.0, "℃".into()));
    assert_eq!(value("步行半小时"), (0.5, "小时".into()));
    assert_eq!(value("每周坐诊半天"), (0.5, "天".into()));
    assert_eq!(value("每户半吨"), (0.5, "吨".into()));
    for not_half in ["上半年", "税费减半征收", "打造半小时生活圈", "用了半个世纪"]
    {
        assert!(scan(not_half).is_empty(), "{not_half}");
    }
    assert_eq!(value("五分之一的村"), (0.2, "ratio".into()));
    assert_eq!(value("屏幕6英吋"), (6.0, "英寸".into()));
}

#[test]
fn ranges_of_money_in_jiao_and_of_chinese_decimals() {
    assert_eq!(
        one("单价五元六角至五元七毛八分"),
        (
            "五元六角至五元七毛八分".into(),
            5.6,
            Some(5.78),
            "元".into(),
            Qualifier::Exact
        )
    );
    assert_eq!(one("身高一点六至一点九米").2, Some(1.9));
    assert_eq!(value("每次四分一升"), (0.25, "升".into()));
    assert!(scan("比分四分一").is_empty());
}

#[test]
fn two_units_of_time_add_up_and_small_counts_with_ge_count() {
    assert_eq!(value("车程两小时十分"), (130.0, "分钟".into()));
    assert_eq!(value("工期一个小时三十分钟"), (90.0, "分钟".into()));
    assert_eq!(value("排队一小时零五秒"), (3605.0, "秒".into()));
    assert_eq!(value("办结只需四分钟二十秒"), (260.0, "秒".into()));
    assert_eq!(value("历时两年零三个月"), (27.0, "个月".into()));
    assert_eq!(value("用时三个月"), (3.0, "个月".into()));
    assert_eq!(value("下降两个百分点"), (2.0, "个百分点".into()));
    assert_eq!(value("涉及六个方面"), (6.0, "个".into()));
    assert!(scan("做到两个确保").is_empty());
}

#[test]
fn tenths_after_metres_and_jin_and_listed_neighbours() {
    assert_eq!(value("志愿者身高一米八"), (1.8, "米".into()));
    assert_eq!(value("通道宽两米五"), (2.5, "米".into()));
    // A digit that starts a count of its own is no tenth.
    assert_eq!(scan("隔离带三米九个路口").len(), 2);
    assert_eq!(value("每户发放大米3斤5两"), (3.5, "斤".into()));
    assert_eq!(value("人均六斤八两"), (6.8, "斤".into()));
    assert_eq!(one("补助约2、3万元").2, Some(30000.0));
    assert_eq!(value("补助约2、3万元"), (20000.0, "元".into()));
    assert_eq!(one("吸引两、三千人参与").2, Some(3000.0));
    // Without a magnitude they are a list; 千米 is a unit, not a magnitude.
    assert!(scan("改造1、2号楼").is_empty());
    assert_eq!(one("修缮2、3千米步道").2, None);
    assert_eq!(value("窗口办理平均用时90秒钟"), (90.0, "秒".into()));
    assert_eq!(value("排队不超过五分半钟"), (5.5, "分钟".into()));
    assert_eq!(value("每支疫苗0.5cc"), (0.5, "毫升".into()));
}

#[test]
fn a_physical_unit_per_another_is_one_unit() {
    assert_eq!(
        value("细颗粒物年均浓度31微克/立方米"),
        (31.0, "微克/立方米".into())
    );
    assert_eq!(value("氨氮浓度0.4毫克／升"), (0.4, "毫克/升".into()));
    assert_eq!(value("亩产水稻610公斤/亩"), (610.0, "公斤/亩".into()));
    // Money per person keeps its unit: the base is the subject's (每人每月).
    assert_eq!(value("补贴300元/人"), (300.0, "元".into()));
}

#[test]
fn numbers_listed_before_one_unit_share_it() {
    let found: Vec<(String, f64)> =
        scan("分别增长4.6和3.9个百分点，建成8、11和14所，受益2.6万、3.1万人。")
            .into_iter()
            .map(|q| (q.unit, q.value))
            .collect();
    let expected = [
        ("个百分点", 4.6),
        ("个百分点", 3.9),
        ("所", 8.0),
        ("所", 11.0),
        ("所", 14.0),
        ("人", 26000.0),
        ("人", 31000.0),
    ];
    assert_eq!(found.len(), expected.len(), "{found:?}");
    for ((unit, value), (want_unit, want)) in found.iter().zip(expected) {
        assert_eq!((unit.as_str(), *value), (want_unit, want));
    }
    // Ordinals and building numbers are no list of counts.
    assert!(scan("获得第1、2名，1、2号楼已封顶。").is_empty());
}

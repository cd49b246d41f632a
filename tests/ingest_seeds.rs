//! How tracuu reads the five real seed documents: metadata, paragraphs, footnotes and what
//! must never be body text.

use std::path::Path;
use tracuu::ingest::{self, Document, Role};

fn corpus() -> Vec<Document> {
    let corpus = ingest::read_corpus(Path::new("seeds"));
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    corpus.documents
}

fn doc<'a>(docs: &'a [Document], prefix: &str) -> &'a Document {
    docs.iter()
        .find(|d| d.doc_id.starts_with(prefix))
        .expect(prefix)
}

/// (seed, kind, title, issuer, locality, year, signer, paragraphs)
type Expected = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    Option<i32>,
    Option<&'static str>,
    usize,
);

const METADATA: [Expected; 5] = [
    (
        "000",
        "Nghị quyết",
        None,
        "Thành ủy Lào Cai",
        "Lào Cai",
        None,
        Some("Đỗ Trường Sơn"),
        68,
    ),
    (
        "001",
        "Nghị quyết",
        Some("về phương hướng, nhiệm vụ năm 2023"),
        "Tỉnh ủy Lào Cai",
        "Lào Cai",
        Some(2023),
        Some("Đặng Xuân Phong"),
        47,
    ),
    (
        "002",
        "Tin tức",
        Some("Hội nghị Ban Chấp hành Đảng bộ thành phố lần thứ 25, khóa XXIII"),
        "Thành ủy Lào Cai",
        "Lào Cai",
        Some(2023),
        None,
        27,
    ),
    (
        "003",
        "Nghị quyết",
        Some(
            "về một số chỉ tiêu, nhiệm vụ và giải pháp chủ yếu phát triển kinh tế - xã hội, quốc phòng - an ninh, dân vận và xây dựng Đảng năm 2023",
        ),
        "Thành ủy Long Khánh",
        "Long Khánh",
        Some(2023),
        Some("Hồ Văn Nam"),
        95,
    ),
    (
        "004",
        "Kết luận",
        Some("về một số nhiệm vụ trọng tâm trong tháng 5 và đến hết Quý II/2026"),
        "Ban Thường vụ Tỉnh ủy Lào Cai",
        "Lào Cai",
        Some(2026),
        Some("Hoàng Giang"),
        39,
    ),
];

#[test]
fn each_seed_gets_its_metadata_from_its_text() {
    let docs = corpus();
    assert_eq!(docs.len(), 5);
    for (seed, kind, title, issuer, locality, year, signer, paragraphs) in METADATA {
        let d = doc(&docs, seed);
        let m = &d.meta;
        assert_eq!(m.kind.map(|k| k.name()), Some(kind), "{seed} kind");
        assert_eq!(m.title.as_deref(), title, "{seed} title");
        assert_eq!(
            m.issuer.as_ref().map(ToString::to_string).as_deref(),
            Some(issuer),
            "{seed} issuer"
        );
        assert_eq!(m.locality.as_deref(), Some(locality), "{seed} locality");
        assert_eq!(m.year, year, "{seed} year");
        assert_eq!(
            m.signer.as_ref().and_then(|s| s.name.as_deref()),
            signer,
            "{seed} signer"
        );
        assert_eq!(d.paragraphs.len(), paragraphs, "{seed} paragraphs");
        assert_eq!(m.number, None, "{seed}: no seed prints its own number");
    }
}

#[test]
fn dates_are_stated_never_guessed() {
    let docs = corpus();
    let date = |seed| doc(&docs, seed).meta.date.map(|d| d.to_string());
    assert_eq!(
        date("002").as_deref(),
        Some("2023-07-04"),
        "the event a news article reports"
    );
    assert_eq!(
        date("004").as_deref(),
        Some("2026-05-11"),
        "the meeting that adopted the conclusion"
    );
    assert_eq!(date("000"), None);
    assert_eq!(date("001"), None);
    assert_eq!(doc(&docs, "003").meta.province.as_deref(), Some("Đồng Nai"));
}

#[test]
fn signature_capacity_and_distribution_list_are_metadata() {
    let docs = corpus();
    let signer = doc(&docs, "004").meta.signer.clone().unwrap();
    assert_eq!(signer.capacity.as_deref(), Some("T/M BAN THƯỜNG VỤ"));
    assert_eq!(signer.position.as_deref(), Some("PHÓ BÍ THƯ THƯỜNG TRỰC"));
    assert_eq!(doc(&docs, "001").recipients.len(), 13);
    assert_eq!(doc(&docs, "001").recipients[0], "Ban Bí thư TW Đảng");
    assert_eq!(doc(&docs, "003").recipients.len(), 11);
    assert_eq!(doc(&docs, "002").meta.author.as_deref(), Some("Khánh Nga"));
}

#[test]
fn no_paragraph_holds_chrome_placeholders_markup_or_back_matter() {
    let forbidden = [
        "Tin tức",
        "Đăng nhập",
        "Designed by",
        "Thống kê truy cập",
        "Đang online",
        "anh tin bai",
        "Nơi nhận",
        "T/M ",
        "BÍ THƯ",
        "Lưu Văn phòng",
        "Khánh Nga",
        "**",
        "<sup>",
        "¹",
        "##",
        "N/NQ06/80",
        "trọng điểm1",
        "Đỗ Trường Sơn\n",
    ];
    for d in corpus() {
        for p in &d.paragraphs {
            for bad in forbidden {
                assert!(
                    !p.text.contains(bad),
                    "{} [{}] contains {bad:?}: {}",
                    d.doc_id,
                    p.n,
                    p.text
                );
            }
            assert!(
                !p.text.contains("  ") && p.text == p.text.trim(),
                "{} [{}] spacing",
                d.doc_id,
                p.n
            );
        }
    }
}

#[test]
fn news_captions_are_kept_as_captions() {
    let docs = corpus();
    let captions: Vec<&str> = doc(&docs, "002")
        .paragraphs
        .iter()
        .filter(|p| p.role == Role::Caption)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(captions.len(), 6);
    assert_eq!(captions[0], "Toàn cảnh hội nghị BCH Đảng bộ thành phố");
    assert_eq!(
        captions[3],
        "Đồng chí Bí thư Thành ủy Đỗ Trường Sơn kết luận hội nghị"
    );
}

/// (seed, paragraph number, section, text): reconstructed paragraphs given in full.
const PARAGRAPHS: [(&str, usize, &str, &str); 12] = [
    (
        "000_d14dc016ed1c5a67",
        36,
        "II. NHIỆM VỤ TRỌNG TÂM NĂM 2024 > 1. Lãnh đạo xây dựng Đảng và hệ thống chính trị > 1.2.",
        "Tiếp tục thực hiện hiệu quả Đề án số 17-ĐA/TU, ngày 11/12/2020 của Tỉnh ủy và Nghị quyết số 04-NQ/TU, ngày 28/10/2020 của Ban Chấp hành Đảng bộ thành phố khóa XXIII về tiếp tục đổi mới công tác tư tưởng chính trị, tuyên truyền, vận động trên địa bàn thành phố, giai đoạn 2020- 2025.",
    ),
    (
        "000_d14dc016ed1c5a67",
        57,
        "II. NHIỆM VỤ TRỌNG TÂM NĂM 2024 > 2. Lãnh đạo phát triển kinh tế - xã hội > 2.3.",
        "Tập trung nguồn lực, đẩy mạnh thực hiện Đề án số 03-ĐA/TU, ngày 28/10/2020 về xây dựng và phát triển văn hóa, giáo dục, y tế trở thành mục tiêu và động lực phát triển kinh tế, xã hội thành phố Lào Cai, giai đoạn 2020 - 2025; tăng cường thông tin tuyên truyền, tổ chức các sự kiện văn hóa, chính trị diễn ra trên địa bàn tỉnh, thành phố, nhất là tuyên truyền công tác chuận bị Đại hội Đảng các cấp, nhiệm kỳ 2025 - 2030; tổ chức các hoạt động mừng Đảng, mừng xuân, Lễ hội Đền Thượng năm 2024 gắn với phát triển du lịch; bảo tồn và phát huy giá trị bản sắc văn hóa các dân tộc; trùng tu, tôn tạo phát huy hiệu quả các di tích lịch sử; nâng cao đời sống văn hóa tinh thần của Nhân dân. Tiếp tục quan tâm chỉ đạo rà soát mạng lưới trường, lớp học; đầu tư xây dựng cơ sở vật chất, nguồn lực phát triển giáo dục theo hướng chất lượng toàn diện và hội nhập. Duy trì các trường học đạt chuẩn quốc gia, trong đó, phấn đấu đạt mức độ 2 đạt 56,8%. Thực hiện tốt công tác vệ sinh an toàn thực phẩm; tiếp tục đầu tư cơ sở vật chất, nâng cao chất lượng khám, chữa bệnh; quan tâm công tác giải quyết việc làm và đào tạo, chuyển đổi nghề nghiệp cho người dân, nhất là ở các xã khó khăn.",
    ),
    (
        "000_d14dc016ed1c5a67",
        62,
        "II. NHIỆM VỤ TRỌNG TÂM NĂM 2024 > 4.",
        "Đẩy mạnh thực hiện Đề án số 06/ĐA/TU, ngày 28/10/2020 về cải cách hành chính đồng bộ, toàn diện trong hệ thống chính trị giai đoạn 2021 - 2025; Nghị quyết số 11-NQ/TU, ngày 16/9/2022 của Ban Thường vụ Thành ủy tăng cường sự lãnh đạo của Đảng về chuyển đổi số trên địa bàn thành phố Lào Cai đến năm 2025, định hướng đến năm 2030; tăng cường kiểm soát, công khai, minh bạch thủ tục hành chính; tăng cường tuyên truyền, vận động người dân sử dụng hệ thống phản ánh hiện trường; phản hồi, xử lý nhanh chóng, kip thời các phản ánh trên hệ thống để tạo sự đồng thuận trong nhân dân. Tập trung lãnh đạo các giải pháp để nâng cao chỉ số cạnh tranh (PCI), chỉ số cải cách hành chính (PAR Index), chỉ số hiệu quả quản trị và hành chính công (PAPI), chỉ số năng lực cạnh tranh cấp sở (DDCI). Phát triển trung tâm dữ liệu; nâng cao hiệu quả hoạt động của Trung tâm giám sát, điều hành thông minh; chuẩn hóa, xây dựng cơ sở dữ liệu, kho dữ liệu dùng chung, các nền tảng số, kết nối, chia sẻ dữ liệu, cung cấp dữ liệu mở phục vụ người dân. Tăng cường cung cấp dịch vụ trực tuyến phục vụ người dân, doanh nghiệp; nghiên cứu, ban hành chính sách hỗ trợ người dân về phí, lệ phí trong thực hiện giải quyết thủ tục hành chính trực tuyến; hỗ trợ doanh nghiệp, hợp tác xã chuyển đổi số, thu hút, đãi ngộ, đào tạo nhân lực số.",
    ),
    (
        "000_d14dc016ed1c5a67",
        35,
        "II. NHIỆM VỤ TRỌNG TÂM NĂM 2024 > 1. Lãnh đạo xây dựng Đảng và hệ thống chính trị > 1.1.",
        "Lãnh đạo, chỉ đạo ban hành kế hoạch Đại hội Đảng bộ các cấp tiến tới Đại hội Đảng bộ thành phố lần thứ XXIV, nhiệm kỳ 2025 - 2030; Quyết định thành lập Ban chỉ đạo, các tiểu ban Đại hội Đảng bộ thành phố; chỉ đạo tổ chức thành công Đại hội chi bộ trực thuộc Đảng ủy cơ sở; duyệt công tác nhân sự chuẩn bị văn kiện Đại hội các chi bộ, Đảng bộ trực thuộc Thành ủy. Lãnh đạo tổ chức Lễ Kỷ niệm 20 năm thành lập thành phố (30/11/2004 - 30/11/2024).",
    ),
    (
        "000_d14dc016ed1c5a67",
        47,
        "II. NHIỆM VỤ TRỌNG TÂM NĂM 2024 > 1. Lãnh đạo xây dựng Đảng và hệ thống chính trị > 1.5.",
        "Tập trung thực hiện có hiệu quả các mục tiêu, nhiệm vụ Kế hoạch số 149-KH/TU, ngày 22/6/2022 của Thành ủy về tuyên truyền, vận động, giúp đỡ 06 thôn đặc biệt khó khăn, giai đoạn 2022 - 2025; Kế hoạch số 179-KH/TU, ngày 02/11/2022 của Thành ủy thực hiện Nghị quyết số 29-NQ/TU, ngày 22/7/2022 của Tỉnh ủy về tiếp tục đổi mới nội dung, phương thức hoạt động của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội đến năm 2030 và những năm tiếp theo. Tiếp tục xây dựng và củng cố mối quan hệ mật thiết giữa Đảng, chính quyền với Nhân dân, tạo sự đồng thuận, đoàn kết trong các tầng lớp Nhân dân để triển khai tốt các nhiệm vụ chính trị của địa phương. Đẩy mạnh thực hiện phong trào thi đua “Dân vận khéo”.",
    ),
    (
        "001_d5f0112ea9200d83",
        6,
        "II. NHIỆM VỤ TRỌNG TÂM NĂM 2023 > 1. Lãnh đạo xây dựng Đảng và hệ thống chính trị vững mạnh > 1.1. Công tác xây dựng Đảng",
        "Tiếp tục đổi mới mạnh mẽ công tác chính trị, tư tưởng, tuyên truyền vận động, hướng mạnh về cơ sở. Thực hiện hiệu quả Đề án số 17-ĐA/TU về nâng cao hiệu quả công tác chính trị tư tưởng, tuyên truyền vận động tỉnh Lào Cai, giai đoạn 2020 - 2025; Chỉ thị số 14-CT/TU về nâng cao chất lượng, hiệu quả công tác tuyên giáo trên địa bàn tỉnh. Xác định nhiệm vụ công tác chính trị tư tưởng là nhiệm vụ hàng đầu với sứ mệnh “Đi trước mở đường”, qua đó, bảo đảm nâng cao trình độ nhận thức, bản lĩnh chính trị cho cán bộ, đảng viên, tạo sự đoàn kết, thống nhất ý chí và hành động trong Đảng, đồng thuận trong xã hội. Đổi mới, nâng cao hiệu quả việc học tập, quán triệt, tổ chức thực hiện các nghị quyết, chỉ thị gắn với ứng dụng công nghệ thông tin, bảo đảm thiết thực, hiệu quả, tiết kiệm thời gian. Chủ động, hiệu quả trong đấu tranh bảo vệ nền tảng tư tưởng của Đảng, phản bác các quan điểm sai trái, thù địch, các thông tin xấu, độc. Đổi mới công tác báo cáo viên, tuyên truyền miệng. Thực hiện tốt công tác nghiên cứu lý luận, tổng kết thực tiễn; nghiên cứu, giáo dục lý luận chính trị bám sát nội dung cốt lõi của Nghị quyết Đại hội XIII của Đảng, Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI. Tăng cường công tác đào tạo, bồi dưỡng lý luận chính trị, chuyên môn nghiệp vụ cho cán bộ, đảng viên, nhất là ở cấp cơ sở. Đổi mới, nâng cao chất lượng công tác nghiên cứu, biên soạn, tuyên truyền, giáo dục lịch sử Đảng. Tăng cường chỉ đạo, định hướng, quản lý các lĩnh vực báo chí, xuất bản, văn hóa, văn học, nghệ thuật, khoa giáo. Thực hiện tốt công tác định hướng thông tin, dư luận xã hội; thực hiện kịp thời, hiệu quả hoạt động họp báo cấp tỉnh. Tiếp tục phát huy tốt vai trò của Ban Tuyên vận, Tổ Tuyên vận xã, phường, thị trấn; hoạt động của đội ngũ báo cáo viên, tuyên truyền viên.",
    ),
    (
        "001_d5f0112ea9200d83",
        33,
        "II. NHIỆM VỤ TRỌNG TÂM NĂM 2023 > 2. Lãnh đạo phát triển kinh tế - xã hội > 2.2. Văn hóa, xã hội",
        "Y tế và chăm sóc sức khỏe nhân dân: Tiếp tục thực hiện Đề án số 07-ĐA/TU về bảo vệ, chăm sóc, nâng cao sức khỏe nhân dân và công tác dân số tỉnh. Thực hiện hiệu quả các giải pháp phòng, chống dịch Covid-19; chủ động các phương án ứng phó các dịch bệnh mới có thể xảy ra; bảo đảm nhân lực, thuốc, trang thiết bị, vật tư, sinh phẩm y tế; huy động nguồn lực đầu tư thiết bị hiện đại phục vụ khám, chữa bệnh chuyên sâu, chất lượng cao. Nâng cao trình độ chuyên môn, chính trị, quản lý và hội nhập quốc tế cho đội ngũ cán bộ ý tế; duy trì hiệu quả các chương trình mục tiêu y tế - dân số. Tăng cường cải cách thủ tục hành chính, đẩy mạnh ứng dụng công nghệ thông tin trong khám chữa bệnh; thực hiện chính sách xã hội hoá lĩnh vực y tế; thực hiện tự chủ tài chính các đơn vị sự nghiệp.",
    ),
    (
        "001_d5f0112ea9200d83",
        27,
        "II. NHIỆM VỤ TRỌNG TÂM NĂM 2023 > 2. Lãnh đạo phát triển kinh tế - xã hội > 2.1. Tập trung phục hồi sản xuất, kinh doanh, thực hiện đồng bộ, linh hoạt các chính sách, giải pháp để kích thích sản xuất, thúc đẩy tăng trưởng kinh tế",
        "Đẩy mạnh cải cách hành chính, chuyển đổi số tại khu vực cửa khẩu; tập trung thúc đẩy hoạt động xuất nhập khẩu hàng hóa. Tăng cường phối hợp tổ chức các hoạt động xúc tiến xuất khẩu sản phẩm hàng hóa của Việt Nam. Chủ động phối hợp các cơ quan chức năng của Trung Quốc có các giải pháp phù hợp nhằm duy trì liên tục, thông suốt hoạt động xuất nhập khẩu; đẩy mạnh kết nối tạo sự liên kết giữa các đơn vị logistics của Côn Minh - Lào Cai - Hải Phòng và các địa phương có hàng hóa xuất nhập khẩu.",
    ),
    (
        "002_e6a7eaab680102c5",
        19,
        "",
        "Về lĩnh vực đô thị, xây dựng cơ bản, tài nguyên môi trường Đẩy mạnh việc thực hiện nhiệm vụ đột phá của NQĐH về lĩnh vực đô thị là Xây dựng đô thị văn minh, thân thiện; tập trung triển khai đồng bộ, có hiệu quả xây dựng phường đạt chuẩn “Văn minh đô thị” tiến tới xây dựng thành phố sớm hoàn thiện các tiêu chí đô thị loại I. Chỉ đạo đẩy nhanh tiến độ lập quy hoạch chung thành phố Lào Cai đến năm 2040, tầm nhìn đến năm 2050, quy hoạch 06 phân khu và quy hoạch chung 02 xã (Tả Phời, Hợp Thành). Tập trung tháo gỡ khó khăn, vướng mắc trong công tác giải phóng mặt bằng, tạo quỹ đất sạch thu hút đầu tư. Giải quyết tồn tại, tháo gỡ vướng mắc tại một số dự án, lõi đất. Tăng cường kiểm tra, phát hiện, xử lý nghiêm các trường hợp sai phạm về đất đai, cương quyết không để phát sinh thêm các vụ việc vi phạm liên quan đến quản lý đất đai.",
    ),
    (
        "003_4f6655e48d839bfa",
        62,
        "III/ CÁC NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU > 1- Về lĩnh vực kinh tế",
        "Về lĩnh vực tài nguyên và môi trường: Tăng cường công tác quản lý đất đai theo quy hoạch và kế hoạch sử dụng đất đã được phê duyệt; xây dựng kế hoạch sử dụng đất năm 2023; thực hiện có hiệu quả công tác quản lý, khai thác khoáng sản đảm bảo nhu cầu phục vụ phát triển kinh tế - xã hội của địa phương, tăng thu ngân sách, gắn với bảo vệ môi trường. Tập trung tuyên truyền, vận động Nhân dân tích cực thực hiện có hiệu quả phong trào chống rác thải nhựa, phân loại rác thải tại nguồn và xử lý rác thải hữu cơ tại hộ gia đình. Tăng cường kiểm tra, xử lý nghiêm các trường hợp gây ô nhiễm môi trường. Tiếp tục phối hợp với các Sở, ngành tỉnh kiến nghị UBND tỉnh sớm thực hiện di dời các cơ sở gây ô nhiễm môi trường, không phù hợp quy hoạch trên địa bàn thành phố để triển khai thực hiện các dự án phát triển đô thị theo quy hoạch.",
    ),
    (
        "004_80be5cad5ba79208",
        32,
        "II. Các nhiệm vụ trọng tâm trong thời gian tới > 8.",
        "Ban Nội chính Tỉnh ủy chuẩn bị tốt các điều kiện để tham mưu Thường trực Tỉnh ủy tổ chức tiếp công dân theo hình thức kết nối trực tuyến với điểm cầu của Ban Tiếp công dân Trung ương trong tháng 5/2026. Nghiên cứu tham mưu ban hành Chỉ thị của Ban Thường vụ Tỉnh ủy về “Tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống lãng phí trên địa bàn tỉnh”, hoàn thành trong Quý II/2026.",
    ),
    (
        "004_80be5cad5ba79208",
        5,
        "II. Các nhiệm vụ trọng tâm trong thời gian tới > 1. Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy > (1)",
        "Thực hiện nghiêm túc, chất lượng, hiệu quả các nhiệm vụ tháng 05/2026 theo Thông báo số 460-TB/TU ngày 05/5/2025 của Ban Thường vụ Tỉnh ủy về phân công nhiệm vụ trọng tâm tháng 5/2026; bám sát địa bàn, lĩnh vực được phân công; rà soát, đôn đốc, kiểm tra thường xuyên việc thực hiện các nhiệm vụ đã giao; phát hiện, tháo gỡ các vướng mắc ngay từ cơ sở.",
    ),
];

#[test]
fn reconstructed_paragraphs_read_whole_with_their_section() {
    let docs = corpus();
    for (seed, n, section, text) in PARAGRAPHS {
        let p = &doc(&docs, seed).paragraphs[n - 1];
        assert_eq!(p.n, n);
        assert_eq!(p.section, section, "{seed} [{n}] section");
        assert_eq!(p.text, text, "{seed} [{n}] text");
    }
}

/// (seed, footnote number, paragraph it belongs to, text): every footnote of the seeds.
const FOOTNOTES: [(&str, u32, usize, &str); 4] = [
    (
        "000_d14dc016ed1c5a67",
        1,
        55,
        "Cải tạo cảnh quan dọc hai bên bờ sông Hồng, kè suối Ngòi Đum; hạ tầng kỹ thuật và giải phóng mặt bằng tổ hợp công viên (cảnh quan, văn hóa, tâm linh) Kim Thành, phường Duyên Hải; mặt bằng và hạ tầng kỹ thuật khu trung tâm xã và giải phóng mặt bằng dọc hai bên đường Trần Hưng Đạo, đoạn từ điểm đấu nối với Quốc lộ 4E đến suối Ngòi Bo, xã Thống Nhất; khu dân cư chân đồi Nhạc Sơn; cải tạo, sửa chữa công viên Nhạc Sơn; hạ tầng kỹ thuật sau kè bờ hữu suối Ngòi Đum đoạn từ đường Trần Phú đến nút giao cao tốc Nội Bài - Lào Cai (IC19).",
    ),
    (
        "001_d5f0112ea9200d83",
        1,
        3,
        "Thông báo số 321/TB-VPCP, ngày 06/10/2022 của Văn phòng Chính phủ về thông báo kết luận của Thủ tướng Phạm Minh Chính tại buổi làm việc với lãnh đạo tỉnh Lào Cai.",
    ),
    ("001_d5f0112ea9200d83", 2, 4, "Đã phân bổ thuế sản phẩm."),
    (
        "004_80be5cad5ba79208",
        1,
        38,
        "Về tiếp tục thực hiện Chỉ thị số 42-CT/TW ngày 24/3/2020 của Ban Bí thư về tăng cường sự lãnh đạo của Đảng đối với công tác phòng ngừa, ứng phó, khắc phục hậu quả thiên tai.",
    ),
];

#[test]
fn every_footnote_is_lifted_out_whole_and_linked_to_its_paragraph() {
    let docs = corpus();
    let all: Vec<_> = docs
        .iter()
        .flat_map(|d| d.footnotes.iter().map(move |f| (d, f)))
        .collect();
    assert_eq!(all.len(), FOOTNOTES.len());
    for (seed, n, paragraph, text) in FOOTNOTES {
        let d = doc(&docs, seed);
        let f = d.footnotes.iter().find(|f| f.n == n).expect("footnote");
        assert_eq!(
            (f.paragraph, f.text.as_str()),
            (Some(paragraph), text),
            "{seed} footnote {n}"
        );
        assert!(d.paragraphs[paragraph - 1].footnotes.contains(&n));
    }
    let pointing = &doc(&docs, "000").paragraphs[54];
    assert!(
        pointing
            .text
            .contains("các công trình, dự án trọng điểm, đặc biệt là")
    );
}

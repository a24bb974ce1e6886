"""The whole-table diff reports first-link changes beside ranges, agencies and conducts."""

from benchmarks.penalty_diff import diff, first_link


def _row(row_id, label=None, how="matched", agencies=("生态环境主管部门",)):
    refs = [{"label": label, "how": how}] if label else []
    return {"id": row_id, "conduct": "未取得许可证", "agencies": list(agencies), "references": refs,
            "sanctions": [{"condition": None, "fines": [{"status": "ok", "label": "一万元以上十万元以下"}]}]}


def test_first_link_label_and_none():
    assert first_link(_row("a", "第十条第一款")) == "第十条第一款 (matched)"
    assert first_link(_row("a")) == "none"


def test_diff_reports_changed_first_links_only():
    before = {"a": _row("a", "第十条"), "b": _row("b"), "c": _row("c", "第五条")}
    after = {"a": _row("a", "第十一条"), "b": _row("b", "第三条", how="explicit"), "c": _row("c", "第五条")}
    result = diff(before, after)
    assert result["links"] == ["a", "b"]
    assert result["ranges"] == [] and result["agencies"] == [] and result["conducts"] == []


def test_sampling_pool_leaves_out_decisions_and_amending_acts():
    from benchmarks.penalty_sample import is_law

    assert is_law("中华人民共和国水法")
    assert not is_law("全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定")
    assert not is_law("中华人民共和国刑法修正案（八）")

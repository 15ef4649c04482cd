from vigil.evaluate.quotes import read_ann, run

TEXT = "Ali Hassan, the governor, said that the bridge would hold until help came from the capital."
SOURCE = (0, 10)
CONTENT = (31, 91)


def _split(tmp_path, text=TEXT):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "a_ann1.ann").write_text(
        f"T1\tSource {SOURCE[0]} {SOURCE[1]}\t{text[SOURCE[0]:SOURCE[1]]}\n"
        f"T2\tCue 26 30\tsaid\n"
        f"T3\tContent {CONTENT[0]} {CONTENT[1]}\t{text[CONTENT[0]:CONTENT[1]]}\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n", encoding="utf-8")
    return tmp_path


def test_quotes_eval_reads_brat_source_and_content(tmp_path):
    gold = read_ann(_split(tmp_path) / "attributions" / "a_ann1.ann")
    assert gold == [{"content": [CONTENT], "source": [SOURCE], "source_text": "Ali Hassan"}]


def test_quotes_eval_scores_content_and_speaker(tmp_path):
    predictions = tmp_path / "out.jsonl"
    split = tmp_path / "split"
    split.mkdir()
    metrics = run(_split(split), predictions)
    assert metrics["content_f1"] == 1.0 and metrics["speaker_accuracy"] == 1.0
    assert '"speaker": "Ali Hassan"' in predictions.read_text(encoding="utf-8")

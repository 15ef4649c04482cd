"""Quality floors on the public dev sets (trafilatura-style evaluation gate).

Each floor sits a little under the figure measured when it was set (see the README's evaluation
table); a change that drops a score below its floor fails here, unless the floor is lowered on
purpose in the same commit, with the reason in the message. The gold data lives in ../shared/datasets
beside the project (CI has it); without it these tests are skipped.
"""

import pytest

from tests.conftest import SHARED_DATASETS
from vigil.evaluate import run

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SHARED_DATASETS.is_dir(), reason="gold data not present")]

FLOORS = {
    ("time", "time/tempeval3"): {"relaxed_f1": 0.92, "value_f1": 0.78, "strict_f1": 0.82},
    ("quotes", "quotes/polnear/dev"): {"content_f1": 0.81, "speaker_accuracy": 0.88},
    ("events", "events/case2021_task2.dev.tsv"): {"weighted_f1": 0.785, "macro_f1": 0.755},
    ("plover", "events/plover_gsr_cameo.json"): {"event_type_accuracy": 0.82, "source_actor_accuracy": 0.80,
                                                 "target_actor_accuracy": 0.755},
    ("geo", "geo/trnews.dev.xml"): {"resolved.accuracy_161km": 0.92, "resolved.exact_geonameid": 0.885,
                                    "found.f1": 0.765},
    ("geo", "geo/lgl.dev.xml"): {"resolved.accuracy_161km": 0.88, "resolved.exact_geonameid": 0.835,
                                 "found.f1": 0.735},
    ("geo", "geo/geowebnews.dev.xml"): {"resolved.accuracy_161km": 0.925, "resolved.exact_geonameid": 0.855,
                                        "found.f1": 0.77},
    ("eventloc", "events/event_location_labeled_text.jsonl.zip"): {"accuracy": 0.59, "overlap.f1": 0.48},
}


def value(metrics: dict, dotted: str) -> float:
    for key in dotted.split("."):
        metrics = metrics[key]
    return metrics


@pytest.mark.parametrize("task, path", list(FLOORS))
def test_eval_gate_scores_stay_above_floors(task, path):
    metrics = run(task, SHARED_DATASETS / path)
    for name, floor in FLOORS[(task, path)].items():
        assert value(metrics, name) >= floor, f"{task} {name} fell to {value(metrics, name)} (floor {floor})"

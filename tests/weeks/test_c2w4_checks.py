"""Week 4's parsing, dataset and model checks: each passes on the reference and on the
valid alternatives, and fails on its own mistake only (in-process, real TensorFlow, no
training)."""

from __future__ import annotations

import pytest

from tests.weeks.c2w4_helpers import check_parts, failed, namespace, write_tiny_data

ONE_HOT = {
    "    return train_dataset, validation_dataset":
        "    train_dataset = train_dataset.map(lambda x, y: (x, tf.one_hot(tf.cast(y, tf.int32), 26)))\n"
        "    validation_dataset = validation_dataset.map("
        "lambda x, y: (x, tf.one_hot(tf.cast(y, tf.int32), 26)))\n"
        "    return train_dataset, validation_dataset"}
REINDEXED = {
    "    training_images = np.expand_dims(training_images, axis=-1)":
        "    training_labels = np.where(training_labels > 9, training_labels - 1, training_labels)\n"
        "    validation_labels = np.where(validation_labels > 9, validation_labels - 1, "
        "validation_labels)\n"
        "    training_images = np.expand_dims(training_images, axis=-1)"}
LEGACY = {
    "    train_dataset = (tf.data.Dataset.from_tensor_slices((training_images, training_labels))\n"
    "                     .shuffle(len(training_labels), seed=42)\n"
    "                     .batch(32))\n"
    "    validation_dataset = tf.data.Dataset.from_tensor_slices(\n"
    "        (validation_images, validation_labels)).batch(32)":
        "    generator = tf.keras.preprocessing.image.ImageDataGenerator(rescale=1.0 / 255)\n"
        "    train_dataset = generator.flow(training_images, training_labels, batch_size=32)\n"
        "    validation_dataset = generator.flow(validation_images, validation_labels, "
        "batch_size=32)",
    "        tf.keras.layers.Rescaling(1.0 / 255),\n": ""}

#: scenario → (replacements of the reference, the checks it must fail).
SCENARIOS = {
    "reference": ({}, set()),
    "head-25-units": ({"Dense(26, activation": "Dense(25, activation"}, set()),
    "head-24-units-reindexed": ({"Dense(26, activation": "Dense(24, activation", **REINDEXED},
                                set()),
    "one-hot-categorical-loss": ({**ONE_HOT, '"sparse_categorical_crossentropy"':
                                  '"categorical_crossentropy"'}, set()),
    "legacy-generator-flow": (LEGACY, set()),
    "head-24-units-raw-labels": ({"Dense(26, activation": "Dense(24, activation"},
                                 {"model_softmax_head"}),
    "dense-10-head": ({"Dense(26, activation": "Dense(10, activation"}, {"model_softmax_head"}),
    "sigmoid-head": ({'Dense(26, activation="softmax")': 'Dense(26, activation="sigmoid")'},
                     {"model_softmax_head"}),
    "binary-crossentropy": ({'"sparse_categorical_crossentropy"': '"binary_crossentropy"'},
                            {"model_loss_matches_labels"}),
    "one-hot-sparse-loss": (ONE_HOT, {"model_loss_matches_labels"}),
    "linear-head-loss-without-from-logits": (
        {'Dense(26, activation="softmax")': "Dense(26)"},
        {"model_softmax_head", "model_loss_matches_labels"}),
    "linear-head-loss-from-logits": (
        {'Dense(26, activation="softmax")': "Dense(26)",
         'loss="sparse_categorical_crossentropy"':
         "loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)"},
        {"model_softmax_head"}),
    "softmax-head-loss-from-logits": (
        {'loss="sparse_categorical_crossentropy"':
         "loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)"},
        {"model_loss_matches_labels"}),
    "three-conv2d": ({"        tf.keras.layers.Flatten(),":
                      "        tf.keras.layers.Conv2D(64, (3, 3), activation=\"relu\", "
                      "padding=\"same\"),\n        tf.keras.layers.Flatten(),"},
                     {"model_conv_pool_limit"}),
    "dense-only": ({'        tf.keras.layers.Conv2D(32, (3, 3), activation="relu"),\n'
                    '        tf.keras.layers.MaxPooling2D(2, 2),\n'
                    '        tf.keras.layers.Conv2D(64, (3, 3), activation="relu"),\n'
                    '        tf.keras.layers.MaxPooling2D(2, 2),\n': ""},
                   {"model_uses_convolutions"}),
    "no-channel-axis": ({"    training_images = np.expand_dims(training_images, axis=-1)\n"
                         "    validation_images = np.expand_dims(validation_images, axis=-1)\n":
                         ""}, {"datasets_channel_axis"}),
    "validation-subset": ({"(validation_images, validation_labels)).batch(32)":
                           "(validation_images, validation_labels)).take(40).batch(32)"},
                          {"datasets_keep_every_row"}),
    "label-read-as-pixel": ({"images = rows[:, 1:].reshape(-1, 28, 28)":
                             "images = rows[:, :784].reshape(-1, 28, 28)"},
                            {"parse_data_values_intact"}),
    "header-parsed-as-data": ({'rows = np.loadtxt(file, delimiter=",", skiprows=1, '
                               'dtype=np.float64, ndmin=2)':
                               'rows = np.genfromtxt(file, delimiter=",")'},
                              # one picture of NaNs more in each dataset, too
                              {"parse_data_skips_header", "datasets_keep_every_row"}),
    "integer-arrays": ({"    return images, labels":
                        "    return images.astype(np.uint8), labels.astype(np.int64)"},
                       {"parse_data_types"}),
}


@pytest.fixture(scope="module")
def data_root(tmp_path_factory):
    return write_tiny_data(tmp_path_factory.mktemp("c2w4-data"))


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_each_check_fails_on_its_mistake_only(scenario, data_root, tmp_path):
    replace, expected = SCENARIOS[scenario]
    results = check_parts(namespace(data_root, replace), data_root, tmp_path)
    feedback = {k: r.feedback for k, r in results.items() if r.status != "passed"}
    assert failed(results) == expected, feedback
    for check_id in expected:
        assert results[check_id].feedback.startswith("Expected "), feedback


def test_label_read_as_a_pixel_is_named_in_the_feedback(data_root, tmp_path):
    results = check_parts(namespace(data_root, SCENARIOS["label-read-as-pixel"][0]), data_root,
                          tmp_path, parts=("parsing",))
    assert "label column read as the first pixel" in results["parse_data_values_intact"].feedback


def test_a_parsed_header_is_named_in_the_feedback(data_root, tmp_path):
    results = check_parts(namespace(data_root, SCENARIOS["header-parsed-as-data"][0]), data_root,
                          tmp_path, parts=("parsing",))
    assert "header line was read as a picture" in results["parse_data_skips_header"].feedback


def _link_parsing_folder_elsewhere(artifacts):
    """The kernel moves its parsed arrays to a host folder and links ``parsing`` to it: the
    file names the grader reads are unchanged, only a folder on the way is a link."""
    elsewhere = artifacts.parent / "host-folder"
    (artifacts / "parsing").rename(elsewhere)
    (artifacts / "parsing").symlink_to(elsewhere, target_is_directory=True)


def test_a_linked_parsing_folder_is_never_followed(data_root, tmp_path):
    results = check_parts(namespace(data_root), data_root, tmp_path, parts=("parsing",),
                          after_export=_link_parsing_folder_elsewhere)
    assert failed(results) == {"parse_data_types", "parse_data_skips_header",
                               "parse_data_values_intact"}
    assert all("could not be read back" in r.feedback for r in results.values())
    assert "a link is never followed" in results["parse_data_types"].detail

// SPDX-License-Identifier: GPL-3.0-or-later
// The `tinyml` command line: train, evaluate, predict, bench and export without the studio.

#include "app/interrupt.h"
#include "options.h"

#include "core/base/error.h"
#include "core/base/threadpool.h"
#include "core/data/dataset.h"
#include "core/nn/layersyntax.h"
#include "core/data/preprocess.h"
#include "core/deploy/budget.h"
#include "core/deploy/codegen.h"
#include "core/deploy/quantize.h"
#include "core/deploy/tflmsketch.h"
#include "core/io/fileio.h"
#include "core/io/imagefile.h"
#include "core/io/modelfile.h"
#include "core/nn/trainer.h"
#include "core/tflite/tfliteint8.h"
#include "core/tflite/tflitereader.h"
#include "core/tflite/tflitewriter.h"
#include "ui/shared/defaultmodel.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QImageReader>

#include <Eigen/Core>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <iostream>
#include <map>
#include <numeric>
#include <optional>
#include <pthread.h>
#include <sstream>
#include <sys/resource.h>
#include <thread>
#include <time.h>
#include <unistd.h>

using namespace tinyml;
using namespace tinyml::core;
using app::InterruptWatcher;
using app::Options;
using app::UsageError;

namespace {

constexpr const char *kCommonOptions = R"(
Options most commands take (see tinyml COMMAND --help):
  --data DIR          folder with the IDX files (default: $TINYML_DATA or
                      ~/.local/share/tinyml-studio/mnist; Fashion-MNIST: Debian's folder)
  --dataset NAME      mnist (default) or fashion
  --threads N         threads for training and evaluation (default: all cores)
  --json              machine-readable output
)";

/// One command: its name, one line for the overview and its own help text.
struct Command
{
    const char *name;
    const char *summary;
    const char *help;
};

constexpr Command kCommands[] = {
    {"train", "train a dense or convolutional network on MNIST or Fashion-MNIST",
     R"(Usage: tinyml train [OPTIONS]

Trains a network and prints Keras-like lines (or one JSON object per epoch with --json,
then a summary). Ctrl-C (or SIGTERM) stops, keeps and saves the model trained so far, and exits
with 130 (143).

Options:
  --hidden 128        hidden layer sizes, comma-separated (e.g. 256,64; 0 for none)
  --activation relu   relu, sigmoid, tanh, leaky_relu or linear
  --layers SPEC       any stack in Keras's words instead of --hidden, e.g.
                      'Conv2D(8, 3, activation=relu), MaxPooling2D(2), Flatten(),
                      Dense(10, activation=softmax)'; also DepthwiseConv2D(3),
                      AveragePooling2D(2), Dropout(0.25), padding=same, strides=2
  --optimizer adam    adam, sgd, momentum or rmsprop (--nesterov for Nesterov momentum)
  --lr 0.001          learning rate (default: Keras's default for the optimizer)
  --momentum 0.9      momentum (momentum optimizer)
  --batch-size 32     samples per mini-batch
  --epochs 5          passes over the training set
  --loss NAME         sparse_categorical_crossentropy (default) or mse
  --init NAME         glorot_uniform (default), he_normal or zeros
  --l2 0              L2 weight decay factor
  --dropout 0         dropout rate after each hidden Dense layer
  --validation-split F  last fraction of the training set used for validation
  --validate-on-test  use the test set as validation data
  --early-stopping N  stop after N epochs without val_loss improvement
  --subset N          train on the first N images only
  --augment           random shifts, rotations, scales and stroke widths
  --seed 42           random seed (same seed: bit-identical runs whatever the thread
                      count)
  --resume FILE       continue training a saved model (with its optimizer state), or fine-tune
                      a .tflite (--out then saves the studio's own format, .tmlm)
  --input-range R     for a .tflite whose file does not say which input values it expects
                      for pixels from black to white: 0..1, 0..255 or -1..1
  --out FILE          save the trained model
  --data DIR          folder with the IDX files (default: $TINYML_DATA or
                      ~/.local/share/tinyml-studio/mnist)
  --dataset NAME      mnist (default) or fashion (Debian's dataset-fashion-mnist)
  --threads N         threads for training and evaluation (default: all cores)
  --json              machine-readable output
  -h, --help          this help
)"},
    {"evaluate", "loss, accuracy and confusion matrix of a model file on the test set",
     R"(Usage: tinyml evaluate --model FILE [OPTIONS]

Prints the loss, the accuracy and the confusion matrix (rows: true class) on the test set.

Options:
  --model FILE        the model file (required): the studio's .tmlm or a .tflite
  --input-range R     for a .tflite whose file does not say which input values it expects
                      for pixels from black to white: 0..1, 0..255 or -1..1
  --data DIR          folder with the IDX files (default: $TINYML_DATA or
                      ~/.local/share/tinyml-studio/mnist)
  --dataset NAME      mnist (default) or fashion (Debian's dataset-fashion-mnist)
  --threads N         threads for training and evaluation (default: all cores)
  --json              machine-readable output
  -h, --help          this help
)"},
    {"predict", "recognise digits in PNG or JPEG drawings",
     R"(Usage: tinyml predict [--model FILE] IMAGE...

Prints IMAGE<TAB>DIGIT<TAB>CONFIDENCE per image ("none" for a blank one), after MNIST's
preprocessing. Without --model it uses the studio's embedded model.

Options:
  --model FILE        the model file, .tmlm or .tflite (default: the embedded model)
  --input-range R     for a .tflite whose file does not say which input values it expects
                      for pixels from black to white: 0..1, 0..255 or -1..1
  -h, --help          this help
)"},
    {"bench", "measure training and inference speed of the course model or a CNN",
     R"(Usage: tinyml bench [OPTIONS]

Trains the course model (784-128-10, Adam, batch 32), or the --layers stack, on one thread and
on --threads threads, then both again while a thread of its own keeps one core busy (as another
program would), then times inference one digit at a time; prints seconds per epoch,
microseconds per digit, CPU milliseconds per layer and peak memory.

Options:
  --layers SPEC       the model to measure, as tinyml train --layers (default: the course model)
  --epochs 1          epochs per measurement (the best epoch counts)
  --data DIR          folder with the IDX files (default: $TINYML_DATA or
                      ~/.local/share/tinyml-studio/mnist)
  --threads N         threads of the second measurements (default: all cores)
  --json              machine-readable output
  -h, --help          this help
)"},
    {"summary", "layers, output shapes, parameters, MACs and memory of a model",
     R"(Usage: tinyml summary (--model FILE | --layers SPEC) [--json]

Prints a Keras-like model.summary(): each layer's output shape (height, width, channels),
parameters, multiply-accumulates per inference and activation memory (float32 bytes of its
output for one image), with the totals.

Options:
  --model FILE        a model file, .tmlm or .tflite
  --input-range R     for a .tflite whose file does not say which input values it expects
                      for pixels from black to white: 0..1, 0..255 or -1..1
  --layers SPEC       a stack in Keras's words, as tinyml train --layers
  --json              machine-readable output
  -h, --help          this help
)"},
    {"export", "write microcontroller C code (float32 or int8), an Arduino sketch or a .tflite",
     R"(Usage: tinyml export --out DIR [OPTIONS]

Writes C99 code (a header and a source file), or an Arduino sketch folder, with the Flash and
RAM the model needs, per layer too. Dense and convolutional models (Conv2D, DepthwiseConv2D,
pooling, Flatten, Dropout). Needs the MNIST test set (and the training set for int8
calibration).
--format tflite writes the model as TensorFlow Lite's NAME.tflite (dense and convolutional
models; float32 needs no data), c-array the same bytes as a C array in NAME_tflite.c, as
`xxd -i` prints it. arduino-tflm writes a sketch folder PREFIX_tflm with PREFIX_tflm.ino,
which runs the .tflite with TensorFlow Lite Micro's MicroInterpreter (a resolver with
exactly the model's operators, a tensor arena sized from the model), and the bytes as an
array aligned to 16 bytes in PREFIX_model_data.h; it embeds --test-vectors (default 3,
at most 10) MNIST test digits.

Options:
  --model FILE        the model file, .tmlm or .tflite (default: the embedded model)
  --input-range R     for a .tflite whose file does not say which input values it expects
                      for pixels from black to white: 0..1, 0..255 or -1..1
  --format c          c, arduino, arduino-tflm, tflite or c-array
  --precision float32 float32 or int8; int8 of a fully-integer .tflite uses the file's own
                      int8 numbers when the studio's int8 engine runs them (the output
                      says so, or for c and arduino why not, and then quantizes here)
  --dense per-tensor  int8 weight scales of Dense layers: per-tensor (one per layer, the
                      TFLite converter's default) or per-channel (one per neuron);
                      convolutions always get one per filter
  --prefix NAME       prefix of the C identifiers (default: tinyml)
  --name FILE_STEM    stem of the file names
  --calibration 1000  training images used to calibrate int8
  --test-vectors 5    test images embedded as self-test vectors
  --out DIR           the output folder (required)
  --board ID          generate for this board (AVR boards get their arrays in PROGMEM) and
                      print its budget and verdict; see tinyml boards
  --require-fit       exit with status 3 when the model does not fit on --board (the code is
                      written anyway)
  --data DIR          folder with the IDX files (default: $TINYML_DATA or
                      ~/.local/share/tinyml-studio/mnist)
  --json              machine-readable output
  -h, --help          this help
)"},
    {"boards", "the microcontroller boards the export budgets for",
     R"(Usage: tinyml boards [--json]

Lists the boards `tinyml export --board ID` knows: id, name, the Flash and RAM a program can
use there (the chip's memory less the bootloader's and the board's core's share), and the
compiler that builds for it.

Options:
  --json              machine-readable output
  -h, --help          this help
)"},
};

std::string overview()
{
    std::string text
        = "Usage: tinyml COMMAND [OPTIONS]\n       tinyml COMMAND --help\n\nCommands:\n";
    for (const auto &c : kCommands) {
        std::string name = c.name;
        name.resize(11, ' ');
        text += "  " + name + c.summary + "\n";
    }
    text += "  help       show this text, or `tinyml help COMMAND`\n"
            "  --version  print the version\n";
    return text + kCommonOptions;
}

const Command *findCommand(const std::string &name)
{
    for (const auto &c : kCommands)
        if (name == c.name)
            return &c;
    return nullptr;
}

bool wantsHelp(const std::vector<std::string> &args)
{
    for (const auto &a : args) {
        if (a == "--")
            return false;
        if (a == "--help" || a == "-h")
            return true;
    }
    return false;
}

std::string num(double v, int precision = 4)
{
    if (!std::isfinite(v))
        return "null";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", precision, v);
    return buf;
}

std::string jsonString(const std::string &s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\', out += c;
        else if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (static_cast<unsigned char>(c) < 0x20)
            out += ' ';
        else
            out += c;
    }
    return out + "\"";
}

DatasetKind datasetKind(const Options &o)
{
    const std::string name = o.text("dataset", "mnist");
    if (name == "mnist")
        return DatasetKind::Mnist;
    if (name == "fashion" || name == "fashion-mnist")
        return DatasetKind::FashionMnist;
    throw UsageError("--dataset must be mnist or fashion, not '" + name + "'");
}

std::filesystem::path dataDir(const Options &o, DatasetKind kind)
{
    if (auto d = o.value("data"))
        return *d;
    return defaultDirectory(kind);
}

/// All cores by default: the engine's pool never busy-waits, and its shards are claimed one at
/// a time, so a thread that another program slows down takes fewer of them (bench measures it
/// under load). Results are bit-identical for the same seed on any number of threads.
void applyThreads(const Options &o)
{
    ThreadPool::setGlobalThreadCount(
        o.integer("threads", ThreadPool::defaultThreadCount(), 1, 256));
}

/// Keeps one core busy while it lives, as another program (a learner's browser) does: a thread
/// spinning on the last core.
class BusyCore
{
public:
    BusyCore()
        : m_thread([this] {
            cpu_set_t set;
            CPU_ZERO(&set);
            CPU_SET(int(std::max(1u, std::thread::hardware_concurrency())) - 1, &set);
            pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
            volatile std::uint64_t sink = 0;
            while (!m_stop.load(std::memory_order_relaxed))
                sink = sink + 1;
        })
    {}
    ~BusyCore()
    {
        m_stop = true;
        m_thread.join();
    }

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

double peakResidentMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

/// CPU seconds of the whole process (every thread) so far.
double processCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

/// Prints Keras-like progress and epoch lines, or JSON objects. The JSON lines carry the CPU
/// seconds the process spent since the previous line (or since training began): on a shared
/// machine a steadier measure of the work than the wall-clock seconds.
class ConsoleObserver : public TrainingObserver
{
public:
    ConsoleObserver(bool json, bool terminal)
        : m_json(json)
        , m_terminal(terminal && !json)
        , m_cpuMark(processCpuSeconds())
    {}

    void batchFinished(const BatchReport &r, const Network &) override
    {
        if (!m_terminal)
            return;
        const auto now = std::chrono::steady_clock::now();
        if (r.batch != r.batchesPerEpoch && now - m_lastDraw < std::chrono::milliseconds(100))
            return;
        m_lastDraw = now;
        constexpr int kWidth = 30;
        const int done = r.batch * kWidth / r.batchesPerEpoch;
        std::string bar(std::size_t(done), '=');
        if (done < kWidth)
            bar += '>' + std::string(std::size_t(kWidth - done - 1), '.');
        std::printf("\rEpoch %d/%d %d/%d [%s] - loss: %.4f - accuracy: %.4f", r.epoch, r.epochs,
                    r.batch, r.batchesPerEpoch, bar.c_str(), r.loss, r.accuracy);
        std::fflush(stdout);
    }

    void epochFinished(const EpochReport &r, const Network &) override
    {
        const double cpu = processCpuSeconds();
        const double cpuSeconds = cpu - m_cpuMark;
        m_cpuMark = cpu;
        if (m_json) {
            std::printf("{\"epoch\": %d, \"epochs\": %d, \"seconds\": %s, \"cpu_seconds\": %s, "
                        "\"loss\": %s, \"accuracy\": %s",
                        r.epoch, r.epochs, num(r.seconds, 4).c_str(), num(cpuSeconds, 4).c_str(),
                        num(r.loss).c_str(), num(r.accuracy).c_str());
            if (r.hasValidation)
                std::printf(", \"val_loss\": %s, \"val_accuracy\": %s", num(r.valLoss).c_str(),
                            num(r.valAccuracy).c_str());
            std::printf("}\n");
        } else {
            if (m_terminal)
                std::printf("\r\033[K");
            std::printf("Epoch %d/%d - %.2fs - loss: %.4f - accuracy: %.4f", r.epoch, r.epochs,
                        r.seconds, r.loss, r.accuracy);
            if (r.hasValidation)
                std::printf(" - val_loss: %.4f - val_accuracy: %.4f", r.valLoss, r.valAccuracy);
            std::printf("\n");
        }
        std::fflush(stdout);
    }

private:
    bool m_json;
    bool m_terminal;
    double m_cpuMark; ///< process CPU seconds at the last epoch line
    std::chrono::steady_clock::time_point m_lastDraw{};
};

ModelSpec withTrainingOptions(ModelSpec spec, const Options &o);

/// The stack of --layers, parsed and checked; a bad one is a usage error naming the column.
ModelSpec specFromLayers(const std::string &text)
{
    ModelSpec spec;
    try {
        spec = modelFromLayers(parseLayers(text));
    } catch (const Error &e) {
        throw UsageError("--layers: " + std::string(e.what()));
    }
    try {
        spec.validate();
    } catch (const Error &e) {
        throw UsageError("--layers: " + std::string(e.what()));
    }
    return spec;
}

ModelSpec specFromOptions(const Options &o)
{
    if (auto layers = o.value("layers")) {
        if (o.value("hidden") || o.value("activation"))
            throw UsageError("--layers describes the whole model: leave out --hidden and "
                             "--activation");
        return withTrainingOptions(specFromLayers(*layers), o);
    }
    const auto hidden = o.integerList("hidden", {128}, 0, 65536);
    const std::string actName = o.text("activation", "relu");
    const auto act = activationFromString(actName);
    if (!act || *act == Activation::Softmax)
        throw UsageError("--activation must be relu, sigmoid, tanh, leaky_relu or linear, not '"
                         + actName + "'");
    std::vector<int> sizes;
    for (int h : hidden)
        if (h > 0)
            sizes.push_back(h);
    if (sizes.size() != hidden.size() && hidden.size() != 1)
        throw UsageError("--hidden sizes must be positive (use --hidden 0 alone for no hidden layer)");
    return withTrainingOptions(ModelSpec::withHidden(sizes, *act), o);
}

/// Optimizer, loss, initializer, L2 and dropout from the options, on top of a model.
ModelSpec withTrainingOptions(ModelSpec spec, const Options &o)
{
    const std::string optName = o.text("optimizer", "adam");
    const auto kind = optimizerFromString(optName);
    if (!kind)
        throw UsageError("--optimizer must be adam, sgd, momentum or rmsprop, not '" + optName + "'");
    spec.optimizer = OptimizerSpec::defaultsFor(*kind);
    spec.optimizer.learningRate = float(o.number("lr", spec.optimizer.learningRate, 1e-9, 1e6));
    spec.optimizer.momentum = float(o.number("momentum", spec.optimizer.momentum, 0.0, 0.9999));
    spec.optimizer.nesterov = o.flag("nesterov");
    if (spec.optimizer.nesterov && *kind != OptimizerKind::Momentum)
        throw UsageError("--nesterov goes with --optimizer momentum");
    const std::string lossName = o.text("loss", "sparse_categorical_crossentropy");
    const auto loss = lossFromString(lossName);
    if (!loss)
        throw UsageError("--loss must be sparse_categorical_crossentropy or mse, not '" + lossName
                         + "'");
    spec.loss = *loss;
    const std::string initName = o.text("init", "glorot_uniform");
    const auto init = initializerFromString(initName);
    if (!init)
        throw UsageError("--init must be glorot_uniform, he_normal or zeros, not '" + initName + "'");
    spec.initializer = *init;
    spec.l2 = float(o.number("l2", 0.0, 0.0, 0.999));
    spec.dropout = float(o.number("dropout", 0.0, 0.0, 0.95));
    spec.validate();
    return spec;
}

/// A model file named on the command line: the studio's own format or a .tflite, told apart by
/// content. --input-range gives a .tflite's input range when the file does not state it. What
/// an import changed is said on stderr (stdout may be JSON).
LoadedModel loadModelArgument(const Options &o, const std::string &file)
{
    TfliteImportOptions import;
    if (const auto range = o.value("input-range")) {
        import.inputRange = tfliteInputRangeFromString(*range);
        if (!import.inputRange)
            throw UsageError("--input-range must be 0..1, 0..255 or -1..1, not '" + *range + "'");
    }
    LoadedModel model = loadAnyModel(file, import);
    const auto &info = model.info;
    if (info.count(std::string(kInfoFormat))) {
        const auto value = [&](std::string_view key) {
            const auto it = info.find(std::string(key));
            return it == info.end() ? std::string() : it->second;
        };
        std::fprintf(stderr, "%s: TensorFlow Lite model, %s weights, input range %s (%s)",
                     file.c_str(), value(kInfoTfliteWeights).c_str(),
                     value(kInfoTfliteInputRange).c_str(),
                     value(kInfoTfliteInputRangeSource) == "user" ? "as given" : "from the file");
        if (model.int8 && model.int8->model)
            std::fprintf(stderr, "; predictions use %s (TensorFlow Lite Micro's integer "
                                 "kernels, bit for bit)",
                         std::string(kAnswersInt8).c_str());
        else if (model.int8 && model.int8->refusal)
            std::fprintf(stderr, "; %s, as computed in float32: %s",
                         value(kInfoTfliteQuantization).c_str(), model.int8->refusal->what());
        else if (!value(kInfoTfliteQuantization).empty())
            std::fprintf(stderr, "; int8 weights with float activations (dynamic range), %s as "
                                 "the format means",
                         value(kInfoTfliteQuantization).c_str());
        std::fprintf(stderr, ".\n");
    }
    return model;
}

int cmdTrain(const std::vector<std::string> &args)
{
    const Options o(args,
                    {"hidden", "activation", "layers", "optimizer", "lr", "momentum", "batch-size", "epochs",
                     "loss", "init", "l2", "dropout", "validation-split", "early-stopping",
                     "subset", "seed", "data", "dataset", "out", "threads", "resume", "input-range"},
                    {"json", "augment", "nesterov", "validate-on-test"});
    if (!o.positional().empty())
        throw UsageError("train takes no file arguments (did you mean --out " + o.positional()[0]
                         + "?)");
    applyThreads(o);
    TrainConfig config;
    config.epochs = o.integer("epochs", 5, 1, 100000);
    config.batchSize = o.integer("batch-size", 32, 1, 65536);
    config.validationSplit = float(o.number("validation-split", 0.0, 0.0, 0.9));
    config.validateOnTest = o.flag("validate-on-test");
    config.earlyStoppingPatience = o.integer("early-stopping", 0, 0, 100000);
    config.trainSubset = o.integer("subset", 0, 0, 100000000);
    config.seed = std::uint64_t(o.integer("seed", 42, 0, 2147483647));
    config.augment = o.flag("augment");

    std::optional<LoadedModel> resumed;
    if (auto file = o.value("resume"))
        resumed.emplace(loadModelArgument(o, *file));
    const ModelSpec spec = resumed ? resumed->network.spec() : specFromOptions(o);
    const DatasetKind kind = datasetKind(o);
    const auto dir = dataDir(o, kind);
    const Dataset train = loadDataset(kind, Split::Train, dir);
    const Dataset test = loadDataset(kind, Split::Test, dir);

    Network net = resumed ? std::move(resumed->network) : Network(spec);
    if (!resumed)
        net.initialize(config.seed);
    Optimizer optimizer = resumed && resumed->optimizer
                              ? std::move(*resumed->optimizer)
                              : Optimizer(spec.optimizer, net.parameters().size());
    Trainer trainer(net, optimizer, config, train, &test);
    const bool json = o.flag("json");
    if (!json)
        std::printf("Training %zu images (%lld parameters)%s\n", trainer.trainingSize(),
                    static_cast<long long>(spec.parameterCount()),
                    trainer.validationSize()
                        ? (", validating on " + std::to_string(trainer.validationSize())).c_str()
                        : "");
    ConsoleObserver observer(json, isatty(STDOUT_FILENO));
    std::stop_source stopSource;
    TrainResult result;
    int interruptedBy = 0; // Ctrl-C or SIGTERM: stop, keep and save the model, exit 128 + signal
    {
        InterruptWatcher watcher(stopSource);
        result = trainer.run(stopSource.get_token(), &observer);
        interruptedBy = watcher.finish();
    }
    const Evaluation ev = evaluate(net, test);
    double seconds = 0.0;
    for (const auto &e : result.history)
        seconds += e.seconds;
    const double perEpoch = result.history.empty() ? 0.0 : seconds / double(result.history.size());

    if (auto out = o.value("out")) {
        ModelInfo info;
        info["dataset"] = std::string(toString(kind));
        info["test_accuracy"] = num(ev.accuracy, 6);
        info["epochs"] = std::to_string(result.history.size());
        info["batch_size"] = std::to_string(config.batchSize);
        info["seed"] = std::to_string(config.seed);
        info["augment"] = config.augment ? "yes" : "no";
        info["created_by"] = "tinyml train";
        if (resumed && resumed->info.count(std::string(kInfoFormat)))
            info["fine_tuned_from"] = *o.value("resume"); // a .tflite, saved as .tmlm
        saveModel(*out, net, &optimizer, info);
    }
    if (json) {
        std::printf("{\"outcome\": %s, \"epochs\": %zu, \"test_loss\": %s, \"test_accuracy\": %s, "
                    "\"seconds_per_epoch\": %s, \"parameters\": %lld, \"peak_rss_mib\": %s}\n",
                    jsonString(std::string(toString(result.outcome))).c_str(),
                    result.history.size(), num(ev.loss).c_str(), num(ev.accuracy).c_str(),
                    num(perEpoch).c_str(), static_cast<long long>(spec.parameterCount()),
                    num(peakResidentMiB(), 1).c_str());
    } else {
        if (result.outcome == TrainOutcome::Diverged)
            std::printf("Training diverged (the loss became NaN or infinite): the learning rate is "
                        "probably too high. The last good weights were kept.\n");
        else if (result.outcome == TrainOutcome::EarlyStopped)
            std::printf("Stopped early: the validation loss stopped improving (best epoch %d).\n",
                        result.bestEpoch);
        else if (result.outcome == TrainOutcome::Cancelled)
            std::printf("Training interrupted.\n");
        std::printf("Test: loss %.4f - accuracy %.4f (%.2f%%) - %.3f s per epoch\n", ev.loss,
                    ev.accuracy, 100.0 * ev.accuracy, perEpoch);
        if (auto out = o.value("out"))
            std::printf("Saved %s\n", out->c_str());
    }
    if (interruptedBy)
        return app::exitStatusFor(interruptedBy);
    return result.outcome == TrainOutcome::Diverged ? 3 : 0;
}

int cmdEvaluate(const std::vector<std::string> &args)
{
    const Options o(args, {"model", "data", "dataset", "threads", "input-range"}, {"json"});
    const auto file = o.value("model");
    if (!file)
        throw UsageError("evaluate needs --model FILE");
    applyThreads(o);
    const LoadedModel model = loadModelArgument(o, *file);
    const DatasetKind kind = datasetKind(o);
    const Dataset test = loadDataset(kind, Split::Test, dataDir(o, kind));
    Evaluation ev = evaluate(model.network, test);
    // A fully-integer .tflite answers with its own int8 arithmetic: accuracy and confusion
    // matrix are its; the loss is its float32 view's (int8 probabilities of 0 have no log).
    const bool int8 = model.int8 && model.int8->model;
    const double floatAccuracy = ev.accuracy;
    if (int8) {
        std::fill(ev.confusion.begin(), ev.confusion.end(), 0);
        std::vector<float> pixels(test.pixels());
        int correct = 0;
        for (std::size_t i = 0; i < test.size(); ++i) {
            const std::uint8_t *img = test.image(i);
            for (std::size_t p = 0; p < pixels.size(); ++p)
                pixels[p] = float(img[p]) / 255.0f;
            const int predicted = model.int8->run(pixels);
            correct += predicted == test.labels[i];
            if (predicted < ev.classes && test.labels[i] < ev.classes)
                ++ev.confusion[std::size_t(test.labels[i]) * std::size_t(ev.classes)
                               + std::size_t(predicted)];
        }
        ev.accuracy = double(correct) / double(std::max<std::size_t>(1, test.size()));
    }
    if (o.flag("json")) {
        std::ostringstream s;
        s << "{\"loss\": " << num(ev.loss) << ", \"accuracy\": " << num(ev.accuracy, 6);
        if (int8)
            s << ", \"arithmetic\": " << jsonString(std::string(kAnswersInt8))
              << ", \"float_accuracy\": " << num(floatAccuracy, 6);
        s << ", \"count\": " << test.size() << ", \"confusion\": [";
        for (int r = 0; r < ev.classes; ++r) {
            s << (r ? ", [" : "[");
            for (int c = 0; c < ev.classes; ++c)
                s << (c ? ", " : "") << ev.count(r, c);
            s << "]";
        }
        s << "]}\n";
        std::fputs(s.str().c_str(), stdout);
        return 0;
    }
    if (int8)
        std::printf("%s on %zu test images, %s: accuracy %.4f (%.2f%%); its float32 view "
                    "(weights dequantized): loss %.4f - accuracy %.4f\n",
                    file->c_str(), test.size(), std::string(kAnswersInt8).c_str(), ev.accuracy,
                    100.0 * ev.accuracy, ev.loss, floatAccuracy);
    else
        std::printf("%s on %zu test images: loss %.4f - accuracy %.4f (%.2f%%)\n", file->c_str(),
                    test.size(), ev.loss, ev.accuracy, 100.0 * ev.accuracy);
    std::printf("Confusion matrix (rows: true class, columns: predicted):\n     ");
    for (int c = 0; c < ev.classes; ++c)
        std::printf("%6d", c);
    std::printf("\n");
    for (int r = 0; r < ev.classes; ++r) {
        std::printf("%4d ", r);
        for (int c = 0; c < ev.classes; ++c)
            std::printf("%6d", ev.count(r, c));
        std::printf("\n");
    }
    return 0;
}

/// Largest image file predict reads (bytes); the decoded size has Qt's own limit.
constexpr std::uint64_t kMaxImageFileBytes = std::uint64_t(256) << 20;

/// Qt's image plugins report problems as warnings ("Premature end of JPEG file", the allocation
/// limit) and libpng prints its errors itself ("libpng error: ..."). While an image is decoded
/// the CLI keeps both back (stderr goes to /dev/null) and says what went wrong in one line.
class QuietImageWarnings
{
public:
    QuietImageWarnings() : m_previous(qInstallMessageHandler(&QuietImageWarnings::drop))
    {
        std::fflush(stderr);
        m_stderr = ::dup(STDERR_FILENO);
        const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (m_stderr >= 0 && null >= 0)
            ::dup2(null, STDERR_FILENO);
        if (null >= 0)
            ::close(null);
    }
    ~QuietImageWarnings()
    {
        std::fflush(stderr);
        if (m_stderr >= 0) {
            ::dup2(m_stderr, STDERR_FILENO);
            ::close(m_stderr);
        }
        qInstallMessageHandler(m_previous);
    }
    QuietImageWarnings(const QuietImageWarnings &) = delete;
    QuietImageWarnings &operator=(const QuietImageWarnings &) = delete;

private:
    static void drop(QtMsgType, const QMessageLogContext &, const QString &) {}
    QtMessageHandler m_previous;
    int m_stderr = -1;
};

/// path as given on the command line: its bytes name the file whatever their encoding.
GrayImage loadGrayImage(const std::string &path)
{
    const std::vector<std::uint8_t> bytes
        = readFile(std::filesystem::path(path), kMaxImageFileBytes);
    if (bytes.empty())
        throw Error(ErrorCode::FileEmpty, {.file = path});
    QByteArray data = QByteArray::fromRawData(reinterpret_cast<const char *>(bytes.data()),
                                              qsizetype(bytes.size()));
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QuietImageWarnings quiet;
    if (!reader.canRead())
        throw Error(ErrorCode::ImageUnreadable, {.file = path});
    if (imageTruncated(bytes))
        throw Error(ErrorCode::ImageTruncated, {.file = path});
    // Refused before decoding, with the sizes: Qt's own refusal says only "cannot read".
    const QSize size = reader.size();
    if (size.isValid()) {
        const int bits = reader.imageFormat() == QImage::Format_Invalid
                             ? 32
                             : QImage::toPixelFormat(reader.imageFormat()).bitsPerPixel();
        const std::int64_t needed = std::int64_t(size.width()) * size.height() * bits / 8;
        const std::int64_t limitMb = QImageReader::allocationLimit();
        if (limitMb > 0 && needed > (limitMb << 20))
            throw Error(ErrorCode::ImageTooLarge, {.file = path,
                                                   .rows = size.height(),
                                                   .cols = size.width(),
                                                   .found = (needed + (1 << 20) - 1) >> 20,
                                                   .limit = limitMb});
    }
    QImage image;
    if (!reader.read(&image))
        throw Error(ErrorCode::ImageDamaged,
                    {.file = path, .detail = reader.errorString().toStdString()});
    if (image.hasAlphaChannel()) {
        // Transparent paper counts as white paper.
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                const double a = c.alphaF();
                flat.setPixelColor(x, y, QColor::fromRgbF(float(c.redF() * a + (1 - a)),
                                                          float(c.greenF() * a + (1 - a)),
                                                          float(c.blueF() * a + (1 - a))));
            }
        image = flat;
    }
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    GrayImage out(gray.width(), gray.height());
    for (int y = 0; y < gray.height(); ++y) {
        const uchar *line = gray.constScanLine(y);
        std::copy(line, line + gray.width(), out.pixels.begin() + std::ptrdiff_t(y) * gray.width());
    }
    return out;
}

int cmdPredict(const std::vector<std::string> &args)
{
    const Options o(args, {"model", "input-range"}, {});
    if (o.positional().empty())
        throw UsageError("predict needs at least one IMAGE");
    const LoadedModel model = o.value("model") ? loadModelArgument(o, *o.value("model"))
                                               : ui::loadDefaultModel();
    if (model.network.spec().inputSize != 784)
        throw Error(ErrorCode::InputMismatch,
                    {.expected = model.network.spec().inputSize, .found = 784});
    int failures = 0;
    for (const auto &path : o.positional()) {
        try {
            const Preprocessed p = preprocessDrawing(loadGrayImage(path));
            if (p.empty) {
                std::printf("%s\tnone\n", path.c_str());
                continue;
            }
            if (model.int8 && model.int8->model) {
                // The file's own int8 arithmetic: the class of its largest int8 logit and the
                // file's output for it (a probability in 1/256 steps after a softmax).
                std::vector<float> outputs;
                const int best = model.int8->run(p.input, &outputs);
                std::printf("%s\t%d\t%.4f\n", path.c_str(), best, outputs[std::size_t(best)]);
                continue;
            }
            const auto probs = model.network.predict(p.input);
            const auto best = std::max_element(probs.begin(), probs.end());
            std::printf("%s\t%d\t%.4f\n", path.c_str(), int(best - probs.begin()), *best);
        } catch (const Error &e) {
            std::fflush(stdout);
            std::fprintf(stderr, "tinyml: %s\n", e.what());
            ++failures;
        }
    }
    return failures ? 1 : 0;
}

int cmdBench(const std::vector<std::string> &args)
{
    const Options o(args, {"data", "epochs", "threads", "layers"}, {"json"});
    const int epochs = o.integer("epochs", 1, 1, 100);
    const std::optional<std::string> layers = o.value("layers");
    const ModelSpec spec = layers ? specFromLayers(*layers) : ModelSpec::courseModel();
    const int hw = o.integer("threads", ThreadPool::defaultThreadCount(), 1, 256);
    const auto dir = dataDir(o, DatasetKind::Mnist);
    const Dataset train = loadDataset(DatasetKind::Mnist, Split::Train, dir);
    const Dataset test = loadDataset(DatasetKind::Mnist, Split::Test, dir);

    auto epochSeconds = [&](int threads) {
        ThreadPool pool(threads);
        Network net(spec);
        net.initialize(42);
        Optimizer opt(spec.optimizer, net.parameters().size());
        TrainConfig config;
        config.epochs = epochs;
        Trainer trainer(net, opt, config, train);
        trainer.setThreadPool(pool);
        const TrainResult r = trainer.run();
        double best = 1e30;
        for (const auto &e : r.history)
            best = std::min(best, e.seconds);
        return std::make_pair(best, evaluate(net, test, {}, nullptr, nullptr, {}, &pool).accuracy);
    };
    // One thread, then --threads threads (all cores by default); once when both are one. Then
    // both again while a busy thread keeps one core from us.
    const auto [oneThread, acc1] = epochSeconds(1);
    const auto [allThreads, accAll] = hw == 1 ? std::make_pair(oneThread, acc1) : epochSeconds(hw);
    double loadedOne, loadedAll;
    {
        const BusyCore busy;
        loadedOne = epochSeconds(1).first;
        loadedAll = hw == 1 ? loadedOne : epochSeconds(hw).first;
    }

    // Inference: one digit at a time, as the drawing canvas and a microcontroller do it.
    Network net(spec);
    net.initialize(42);
    Workspace ws(spec, 1);
    std::vector<float> x(784);
    const int samples = int(test.size());
    volatile float sink = 0.0f;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < samples; ++i) {
        const std::uint32_t idx = std::uint32_t(i);
        fillBatch(test, {&idx, 1}, MatrixMap(x.data(), 784, 1), nullptr);
        sink = sink + net.forward(ConstMatrixMap(x.data(), 784, 1), ws)(0, 0);
    }
    const double inferUs = std::chrono::duration<double, std::micro>(
                               std::chrono::steady_clock::now() - start)
                               .count()
                           / samples;
    // Where the time goes: CPU milliseconds per batch of 32 in each layer (one thread, 50
    // forward and backward passes of the first training images).
    constexpr int kBatch = 32, kRepeats = 50;
    Workspace timed(spec, kBatch);
    timed.setTiming(true);
    std::vector<float> xb(std::size_t(784) * kBatch);
    std::vector<std::uint8_t> yb(kBatch);
    std::vector<std::uint32_t> first(kBatch);
    std::iota(first.begin(), first.end(), 0u);
    fillBatch(train, first, MatrixMap(xb.data(), 784, kBatch), yb.data());
    const ConstMatrixMap xBatch(xb.data(), 784, kBatch);
    for (int r = 0; r < kRepeats; ++r) {
        net.forward(xBatch, timed);
        net.backward(xBatch, {yb, nullptr}, timed);
    }
    const double rss = peakResidentMiB();
    const double perEpoch = std::min(oneThread, allThreads);
    if (o.flag("json")) {
        std::printf("{\"seconds_per_epoch\": %s, \"seconds_per_epoch_1_thread\": %s, "
                    "\"seconds_per_epoch_%d_threads\": %s, \"threads\": %d, "
                    "\"under_load\": {\"seconds_per_epoch_1_thread\": %s, "
                    "\"seconds_per_epoch_%d_threads\": %s}, "
                    "\"test_accuracy_after_epochs\": %s, \"epochs\": %d, "
                    "\"inference_us_per_digit\": %s, \"peak_rss_mib\": %s, \"layers\": [",
                    num(perEpoch).c_str(), num(oneThread).c_str(), hw, num(allThreads).c_str(), hw,
                    num(loadedOne).c_str(), hw, num(loadedAll).c_str(), num(accAll).c_str(),
                    epochs, num(inferUs, 2).c_str(), num(rss, 1).c_str());
        for (std::size_t l = 0; l < spec.layers.size(); ++l)
            std::printf("%s{\"layer\": %s, \"forward_ms_per_batch\": %s, "
                        "\"backward_ms_per_batch\": %s}",
                        l ? ", " : "", jsonString(toKeras(spec.layers[l])).c_str(),
                        num(1e3 * timed.forwardSeconds(l) / kRepeats).c_str(),
                        num(1e3 * timed.backwardSeconds(l) / kRepeats).c_str());
        std::printf("]}\n");
    } else {
        if (layers)
            std::printf("%s (%lld parameters, Adam, batch 32) on %zu MNIST images:\n",
                        layers->c_str(), static_cast<long long>(spec.parameterCount()),
                        train.size());
        else
            std::printf("Course model (784-128-10, Adam, batch 32) on %zu MNIST images:\n",
                        train.size());
        std::printf("  seconds per epoch, 1 thread:   %.3f\n", oneThread);
        if (hw > 1)
            std::printf("  seconds per epoch, %d threads:  %.3f\n", hw, allThreads);
        std::printf("  under load (another thread keeps one core busy):\n");
        std::printf("    seconds per epoch, 1 thread:   %.3f\n", loadedOne);
        if (hw > 1)
            std::printf("    seconds per epoch, %d threads:  %.3f\n", hw, loadedAll);
        std::printf("  test accuracy after %d epoch(s): %.4f\n", epochs, accAll);
        std::printf("  inference: %.2f us per digit (1 thread, batch 1)\n", inferUs);
        std::printf("  peak resident memory: %.1f MiB\n", rss);
        std::printf("  CPU ms per batch of %d (1 thread), forward / backward:\n", kBatch);
        for (std::size_t l = 0; l < spec.layers.size(); ++l)
            std::printf("    %-44s %7.3f / %7.3f\n", toKeras(spec.layers[l]).c_str(),
                        1e3 * timed.forwardSeconds(l) / kRepeats,
                        1e3 * timed.backwardSeconds(l) / kRepeats);
    }
    return 0;
}

/// "12,345" (thousands separated, as Keras's summary).
std::string grouped(std::int64_t v)
{
    const std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    if (v < 0)
        out.push_back('-');
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

std::string shapeText(const Shape &s, bool json)
{
    // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) on "(" + std::to_string(...).
    std::string out(1, json ? '[' : '(');
    if (s.image) {
        out += std::to_string(s.height);
        out += ", ";
        out += std::to_string(s.width);
        out += ", ";
    }
    out += std::to_string(s.channels);
    out.push_back(json ? ']' : ')');
    return out;
}

/// Keras's layer names: conv2d, conv2d_1, max_pooling2d, ...
std::vector<std::string> kerasNames(const ModelSpec &spec)
{
    std::map<std::string, int> seen;
    std::vector<std::string> names;
    for (const auto &layer : spec.layers) {
        std::string base;
        switch (layer.kind) {
        case LayerKind::Dense: base = "dense"; break;
        case LayerKind::Conv2D: base = "conv2d"; break;
        case LayerKind::DepthwiseConv2D: base = "depthwise_conv2d"; break;
        case LayerKind::MaxPooling2D: base = "max_pooling2d"; break;
        case LayerKind::AveragePooling2D: base = "average_pooling2d"; break;
        case LayerKind::Flatten: base = "flatten"; break;
        case LayerKind::Dropout: base = "dropout"; break;
        }
        const int n = seen[base]++;
        names.push_back(n ? base + "_" + std::to_string(n) : base);
    }
    return names;
}

int cmdSummary(const std::vector<std::string> &args)
{
    const Options o(args, {"model", "layers", "input-range"}, {"json"});
    if (!o.positional().empty())
        throw UsageError("summary takes no file arguments (did you mean --model "
                         + o.positional()[0] + "?)");
    if (o.value("model").has_value() == o.value("layers").has_value())
        throw UsageError("summary needs either --model FILE or --layers SPEC");
    const ModelSpec spec = o.value("model") ? loadModelArgument(o, *o.value("model")).network.spec()
                                            : specFromLayers(*o.value("layers"));
    const auto names = kerasNames(spec);
    std::int64_t peak = 0, largest = 0;
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        // Two buffers live at a time: a layer's input and its output.
        const std::int64_t in = spec.layerInputSize(l) * std::int64_t(sizeof(float));
        peak = std::max(peak, in + spec.layerActivationBytes(l));
        largest = std::max(largest, spec.layerActivationBytes(l));
    }
    if (o.flag("json")) {
        std::ostringstream js;
        js << "{\"input_shape\": " << shapeText(spec.inputTensorShape(), true) << ", \"layers\": [";
        for (std::size_t l = 0; l < spec.layers.size(); ++l) {
            js << (l ? ", " : "") << "{\"name\": " << jsonString(names[l])
               << ", \"type\": " << jsonString(std::string(toString(spec.layers[l].kind)))
               << ", \"keras\": " << jsonString(toKeras(spec.layers[l]))
               << ", \"output_shape\": " << shapeText(spec.outputShape(l), true)
               << ", \"parameters\": " << spec.layerParameters(l)
               << ", \"macs\": " << spec.layerMacs(l)
               << ", \"activation_bytes\": " << spec.layerActivationBytes(l) << "}";
        }
        js << "], \"total_parameters\": " << spec.parameterCount()
           << ", \"total_macs\": " << spec.macCount()
           << ", \"parameter_bytes_float32\": " << spec.parameterCount() * 4
           << ", \"largest_activation_bytes\": " << largest
           << ", \"peak_activation_bytes\": " << peak << "}\n";
        std::fputs(js.str().c_str(), stdout);
        return 0;
    }
    std::printf("Model: input %s\n", shapeText(spec.inputTensorShape(), false).c_str());
    const std::string rule(88, '=');
    std::printf("%-36s %-16s %10s %12s %10s\n", "Layer (type)", "Output Shape", "Param #",
                "MACs", "Act. bytes");
    std::printf("%s\n", rule.c_str());
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const std::string label
            = names[l] + " (" + std::string(toString(spec.layers[l].kind)) + ")";
        std::printf("%-36s %-16s %10s %12s %10s\n", label.c_str(),
                    shapeText(spec.outputShape(l), false).c_str(),
                    grouped(spec.layerParameters(l)).c_str(), grouped(spec.layerMacs(l)).c_str(),
                    grouped(spec.layerActivationBytes(l)).c_str());
    }
    std::printf("%s\n", rule.c_str());
    std::printf("Total params: %s (%s bytes as float32, about %s as int8)\n",
                grouped(spec.parameterCount()).c_str(), grouped(spec.parameterCount() * 4).c_str(),
                grouped(spec.parameterCount()).c_str());
    std::printf("Total MACs per inference: %s\n", grouped(spec.macCount()).c_str());
    std::printf("Activation memory (float32): largest layer output %s bytes, largest input + "
                "output pair %s bytes\n",
                grouped(largest).c_str(), grouped(peak).c_str());
    return 0;
}

/// export --format arduino-tflm: the sketch folder (named after the sketch, as the Arduino IDE
/// wants it) with the .ino and the .tflite bytes as an aligned C array.
int exportTflmSketch(const Options &o, const ModelSpec &spec, const std::vector<std::uint8_t> &bytes,
                     const TfliteSummary &summary, const std::string &out, bool int8)
{
    TflmSketchOptions options;
    options.prefix = o.text("prefix", "tinyml");
    options.int8 = int8;
    options.testDigits = o.integer("test-vectors", 3, 0, 10);
    Dataset digits;
    if (options.testDigits > 0) {
        digits = loadDataset(DatasetKind::Mnist, Split::Test, dataDir(o, DatasetKind::Mnist));
    } else {
        digits.rows = 28;
        digits.cols = 28;
    }
    if (spec.inputSize != digits.pixels())
        throw Error(ErrorCode::ExportNeedsImages, {.expected = digits.pixels(), .found = spec.inputSize});
    const TflmSketch sketch = generateTflmSketch(bytes, summary.operators, summary.tensors, spec, digits, options);
    const std::filesystem::path folder
        = std::filesystem::path(out) / sketch.sketchName.substr(0, sketch.sketchName.size() - 4);
    saveTflmSketch(sketch, folder);
    std::string ops;
    for (const auto &op : sketch.resolverOps)
        ops += (ops.empty() ? "" : ", ") + (o.flag("json") ? jsonString(op) : op);
    if (o.flag("json")) {
        std::printf("{\"folder\": %s, \"format\": \"arduino-tflm\", \"precision\": %s, "
                    "\"sketch\": %s, \"data_header\": %s, \"tflite_bytes\": %lld, "
                    "\"resolver\": [%s], \"activation_bytes\": %lld, \"arena_bytes\": %lld}\n",
                    jsonString(folder.string()).c_str(), jsonString(int8 ? "int8" : "float32").c_str(),
                    jsonString(sketch.sketchName).c_str(), jsonString(sketch.dataHeaderName).c_str(),
                    static_cast<long long>(bytes.size()), ops.c_str(),
                    static_cast<long long>(sketch.activationBytes),
                    static_cast<long long>(sketch.arenaBytes));
    } else {
        std::printf("Wrote %s and %s in %s: a %s .tflite of %lld bytes run by TFLite Micro\n",
                    sketch.sketchName.c_str(), sketch.dataHeaderName.c_str(), folder.string().c_str(),
                    int8 ? "fully-integer int8" : "float32", static_cast<long long>(bytes.size()));
        std::printf("Resolver (%zu operators): %s\n", sketch.resolverOps.size(), ops.c_str());
        std::printf("Tensor arena: %lld bytes (%lld of activations + TFLM's bookkeeping, an estimate)\n",
                    static_cast<long long>(sketch.arenaBytes),
                    static_cast<long long>(sketch.activationBytes));
    }
    return 0;
}

/// export --format tflite|c-array|arduino-tflm: the model as a .tflite file, its bytes as a C
/// array, or an Arduino sketch that runs it with TFLite Micro beside the bytes as a C array.
int exportTflite(const Options &o, const LoadedModel &model, const std::string &out,
                 const std::string &format, bool int8)
{
    const bool cArray = format == "c-array";
    const bool tflm = format == "arduino-tflm";
    TfliteSummary summary;
    std::vector<std::uint8_t> bytes;
    if (int8 && int8ExportChoice(model).numbers) {
        // An imported int8 file's own numbers, written again as they are.
        bytes = writeTfliteInt8(*int8ExportChoice(model).numbers, &summary);
        if (!o.flag("json"))
            std::printf("int8 numbers from the file\n");
    } else if (int8) {
        const Dataset train = loadDataset(DatasetKind::Mnist, Split::Train, dataDir(o, DatasetKind::Mnist));
        QuantizeOptions options;
        options.dense = o.text("dense", "per-tensor") == "per-channel" ? DenseQuantization::PerChannel
                                                                        : DenseQuantization::PerTensor;
        const QuantizedModel q = quantize(model.network, train, o.integer("calibration", 1000, 1, 60000),
                                          {}, options);
        bytes = writeTfliteInt8(q, &summary);
    } else {
        bytes = writeTfliteFloat(model.network, &summary);
    }
    if (tflm)
        return exportTflmSketch(o, model.network.spec(), bytes, summary, out, int8);
    const std::string stem = o.text("name", "model");
    const std::filesystem::path folder = out;
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw Error(ErrorCode::FolderCreate,
                    {.folder = folder.string(), .detail = ec.message(), .systemError = ec.value()});
    std::filesystem::path file = folder / (stem + ".tflite");
    if (cArray) {
        // xxd -i names the array after the file: model.tflite becomes model_tflite.
        std::string name = stem + "_tflite";
        for (char &c : name)
            if (!std::isalnum(static_cast<unsigned char>(c)))
                c = '_';
        if (std::isdigit(static_cast<unsigned char>(name[0])))
            name = "__" + name;
        const std::string text = tfliteAsCArray(bytes, name);
        file = folder / (stem + "_tflite.c");
        writeFileAtomically(file, {reinterpret_cast<const std::uint8_t *>(text.data()), text.size()});
    } else {
        writeFileAtomically(file, bytes);
    }
    std::string ops;
    for (const auto &op : summary.operators)
        ops += (ops.empty() ? "" : " ") + op;
    const char *scales = !int8 ? "" : summary.denseScales == TfliteDenseScales::PerTensor ? "per tensor" : "per channel";
    if (o.flag("json")) {
        std::string list;
        for (const auto &op : summary.operators)
            list += (list.empty() ? "" : ", ") + jsonString(op);
        std::printf("{\"file\": %s, \"format\": %s, \"precision\": %s, \"tflite_bytes\": %lld, "
                    "\"operators\": [%s], \"dense_scales\": %s}\n",
                    jsonString(file.string()).c_str(), jsonString(cArray ? "c-array" : "tflite").c_str(),
                    jsonString(int8 ? "int8" : "float32").c_str(), static_cast<long long>(bytes.size()),
                    list.c_str(), int8 ? jsonString(scales).c_str() : "null");
    } else {
        std::printf("Wrote %s: a %s .tflite of %lld bytes%s\n", file.string().c_str(),
                    int8 ? "fully-integer int8" : "float32", static_cast<long long>(bytes.size()),
                    cArray ? ", as a C array" : "");
        std::printf("Operators: %s\n", ops.c_str());
        if (int8)
            std::printf("Dense weights quantized %s; input int8 (pixel - 128), output int8 "
                        "probabilities (scale 1/256, zero point -128)\n",
                        scales);
    }
    return 0;
}

int cmdExport(const std::vector<std::string> &args)
{
    const Options o(args, {"model", "format", "precision", "dense", "prefix", "name", "calibration", "test-vectors", "out", "data",
                           "board", "input-range"},
                    {"json", "require-fit"});
    const auto out = o.value("out");
    if (!out)
        throw UsageError("export needs --out DIR");
    const std::string format = o.text("format", "c");
    if (format != "c" && format != "arduino" && format != "tflite" && format != "c-array"
        && format != "arduino-tflm")
        throw UsageError("--format must be c, arduino, arduino-tflm, tflite or c-array, not '"
                         + format + "'");
    const std::string precision = o.text("precision", "float32");
    if (precision != "float32" && precision != "int8")
        throw UsageError("--precision must be float32 or int8, not '" + precision + "'");
    const std::string dense = o.text("dense", "per-tensor");
    if (dense != "per-tensor" && dense != "per-channel")
        throw UsageError("--dense must be per-tensor or per-channel, not '" + dense + "'");
    const Board *board = nullptr;
    if (const auto id = o.value("board")) {
        board = findBoard(*id);
        if (!board)
            throw UsageError("unknown board '" + *id + "' (tinyml boards lists them)");
    } else if (o.flag("require-fit")) {
        throw UsageError("--require-fit needs --board ID");
    }
    const LoadedModel model = o.value("model") ? loadModelArgument(o, *o.value("model"))
                                               : ui::loadDefaultModel();
    if (format == "tflite" || format == "c-array" || format == "arduino-tflm")
        return exportTflite(o, model, *out, format, precision == "int8");
    requireExportable(model.network.spec());
    if (model.network.spec().inputSize != 784)
        throw Error(ErrorCode::ExportNeedsImages,
                    {.expected = 784, .found = model.network.spec().inputSize});
    const auto dir = dataDir(o, DatasetKind::Mnist);
    const Dataset test = loadDataset(DatasetKind::Mnist, Split::Test, dir);
    const Dataset train = precision == "int8" ? loadDataset(DatasetKind::Mnist, Split::Train, dir) : Dataset{};
    ExportOptions options;
    options.precision = precision == "int8" ? Precision::Int8 : Precision::Float32;
    options.prefix = o.text("prefix", "tinyml");
    options.baseName = o.text("name", "");
    options.calibrationImages = o.integer("calibration", 1000, 1, 60000);
    options.testVectors = o.integer("test-vectors", 5, 0, 100);
    options.dense = dense == "per-channel" ? DenseQuantization::PerChannel : DenseQuantization::PerTensor;
    options.progmem = board && needsProgmem(*board);
    const Evaluation ev = evaluate(model.network, test);
    char desc[128];
    // int8: the file's own numbers when it has runnable ones, else quantized here (and why).
    const Int8ExportChoice choice = int8ExportChoice(model);
    std::string int8Numbers;
    if (options.precision == Precision::Int8) {
        options.int8Numbers = choice.numbers;
        switch (choice.source) {
        case Int8ExportSource::File:
            int8Numbers = "int8 numbers from the file";
            break;
        case Int8ExportSource::Quantized:
            int8Numbers = "int8 numbers quantized here from float32 (calibrated on "
                          + std::to_string(options.calibrationImages) + " training images)";
            break;
        case Int8ExportSource::FileRefused:
            int8Numbers = "int8 numbers quantized here from float32, not the file's own: "
                          + std::string(model.int8->refusal->what());
            break;
        case Int8ExportSource::FileInput:
            int8Numbers = "int8 numbers quantized here from float32, not the file's own: "
                          "its input does not take a pixel byte p to p - 128 (the generated C's "
                          "convention), as an input scale of 1/255 with zero point -128 for "
                          "0..1 pixels does";
            break;
        }
    }
    if (options.precision == Precision::Int8) {
        const QuantizedModel q = options.int8Numbers
                                     ? *options.int8Numbers
                                     : quantize(model.network, train, options.calibrationImages,
                                                {}, {.dense = options.dense});
        const QuantizedEvaluation qe = evaluateQuantized(model.network, q, test);
        std::snprintf(desc, sizeof desc, "%.2f %% (int8) / %.2f %% (float32) on the 10,000 MNIST test images",
                      100 * qe.int8Accuracy, 100 * qe.floatAccuracy);
    } else {
        std::snprintf(desc, sizeof desc, "%.2f %% on the 10,000 MNIST test images", 100 * ev.accuracy);
    }
    options.description = desc;
    const GeneratedCode g = generateCode(model.network, options, test, train);
    std::filesystem::path folder = *out;
    if (format == "arduino")
        folder /= g.sketchName.substr(0, g.sketchName.size() - 4); // the sketch's folder has its name
    saveGeneratedCode(g, folder, format == "arduino");
    const ModelSpec &spec = model.network.spec();
    const ModelBudget mb = modelBudget(spec);
    const bool int8 = options.precision == Precision::Int8;
    // The file's own numbers say how their dense layers are scaled, whatever --dense says.
    const std::string denseText
        = g.int8FromFile ? (g.quantized->dense == DenseQuantization::PerChannel ? "per-channel"
                                                                                : "per-tensor")
                         : dense;
    const std::int64_t valueBytes = int8 ? 1 : 4;
    const std::optional<BoardVerdict> verdict = board ? std::optional(boardVerdict(*board, g.figures)) : std::nullopt;
    if (o.flag("json")) {
        std::string boardJson = "null";
        if (verdict) {
            char text[1024];
            std::snprintf(text, sizeof text,
                          "{\"id\": %s, \"fits\": %s, \"flash_bytes\": %lld, \"flash_limit\": %lld, "
                          "\"ram_bytes\": %lld, \"ram_limit\": %lld, \"model_flash\": %lld, \"code_flash\": %lld, "
                          "\"runtime_flash\": %lld, \"arena\": %lld, \"buffers\": %lld, \"stack\": %lld, "
                          "\"data_ram\": %lld, \"verdict\": %s}",
                          jsonString(board->id).c_str(), verdict->fits() ? "true" : "false",
                          static_cast<long long>(verdict->flash), static_cast<long long>(verdict->flashLimit),
                          static_cast<long long>(verdict->ram), static_cast<long long>(verdict->ramLimit),
                          static_cast<long long>(verdict->modelFlash), static_cast<long long>(verdict->codeFlash),
                          static_cast<long long>(verdict->runtimeFlash), static_cast<long long>(verdict->arena),
                          static_cast<long long>(verdict->buffers), static_cast<long long>(verdict->stack),
                          static_cast<long long>(verdict->dataRam), jsonString(verdictText(*board, *verdict)).c_str());
            boardJson = text;
        }
        std::string layers = "[";
        for (std::size_t l = 0; l < spec.layers.size(); ++l) {
            const LayerBudget &lb = mb.layers[l];
            char row[256];
            std::snprintf(row, sizeof row, "%s{\"layer\": %s, \"ram_bytes\": %lld, \"flash_bytes\": %lld}",
                          l ? ", " : "", jsonString(std::string(toString(spec.layers[l].kind))).c_str(),
                          static_cast<long long>(lb.liveValues * valueBytes),
                          static_cast<long long>(int8 ? lb.flashInt8 : lb.flashFloat32));
            layers += row;
        }
        layers += "]";
        std::printf("{\"folder\": %s, \"prefix\": %s, \"flash_bytes\": %lld, \"ram_bytes\": %lld, "
                    "\"dense_quantization\": %s, \"int8_numbers\": %s, \"int8_numbers_text\": %s, "
                    "\"layers\": %s, "
                    "\"description\": %s, \"board\": %s}\n",
                    jsonString(folder.string()).c_str(), jsonString(g.prefix).c_str(),
                    static_cast<long long>(g.budget.flash()), static_cast<long long>(g.budget.ram),
                    jsonString(int8 ? denseText : "none").c_str(),
                    int8 ? (g.int8FromFile ? "\"file\"" : "\"quantized here\"") : "null",
                    int8 ? jsonString(int8Numbers).c_str() : "null", layers.c_str(),
                    jsonString(desc).c_str(), boardJson.c_str());
    } else {
        std::printf("Wrote %s and %s%s to %s\n", g.headerName.c_str(), g.sourceName.c_str(),
                    format == "arduino" ? (" and " + g.sketchName).c_str() : "", folder.string().c_str());
        std::printf("Flash about %lld bytes (weights %lld, biases %lld, constants %lld, code ~%lld), RAM %lld bytes\n",
                    static_cast<long long>(g.budget.flash()), static_cast<long long>(g.budget.weights),
                    static_cast<long long>(g.budget.biases), static_cast<long long>(g.budget.constants),
                    static_cast<long long>(g.budget.code), static_cast<long long>(g.budget.ram));
        std::printf("Accuracy: %s\n", desc);
        if (int8) {
            std::printf("%s\n", int8Numbers.c_str());
            std::printf("int8 weight scales: per channel for convolutions, %s for dense layers\n",
                        denseText.c_str());
        }
        std::printf("%-4s %-18s %-12s %14s %12s\n", "#", "layer", "output", "RAM (in+out)", "Flash");
        for (std::size_t l = 0; l < spec.layers.size(); ++l) {
            const LayerBudget &lb = mb.layers[l];
            const Shape out = spec.outputShape(l);
            const std::string shape = out.image ? std::to_string(out.height) + "x" + std::to_string(out.width) + "x"
                                                      + std::to_string(out.channels)
                                                : std::to_string(out.channels);
            std::printf("%-4zu %-18s %-12s %14s %12s%s\n", l + 1, std::string(toString(spec.layers[l].kind)).c_str(),
                        shape.c_str(), grouped(lb.liveValues * valueBytes).c_str(),
                        grouped(int8 ? lb.flashInt8 : lb.flashFloat32).c_str(),
                        l == mb.peakLayer && lb.liveValues > 0 ? "  <- peak RAM" : "");
        }
        if (verdict) {
            const BoardVerdict &v = *verdict;
            std::printf("\nOn the %s (%s), as a complete program:\n", board->name.c_str(), board->id.c_str());
            std::printf("  Flash %s of %s bytes: model data %s, code ~%s, runtime ~%s\n", grouped(v.flash).c_str(),
                        grouped(v.flashLimit).c_str(), grouped(v.modelFlash).c_str(), grouped(v.codeFlash).c_str(),
                        grouped(v.runtimeFlash).c_str());
            std::printf("  RAM   %s of %s bytes: activations %s, input and scores %s, stack ~%s%s\n",
                        grouped(v.ram).c_str(), grouped(v.ramLimit).c_str(), grouped(v.arena).c_str(),
                        grouped(v.buffers).c_str(), grouped(v.stack).c_str(),
                        v.dataRam ? (", structs " + grouped(v.dataRam)).c_str() : "");
            std::printf("Verdict: %s\n", verdictText(*board, v).c_str());
            if (!v.fits())
                std::printf("The code was written anyway%s.\n",
                            o.flag("require-fit") ? "; exiting with status 3 (--require-fit)" : "");
        }
    }
    if (verdict && !verdict->fits() && o.flag("require-fit"))
        return 3;
    return 0;
}

int cmdBoards(const std::vector<std::string> &args)
{
    const Options o(args, {}, {"json"});
    if (o.flag("json")) {
        std::printf("[");
        for (std::size_t i = 0; i < boards().size(); ++i) {
            const Board &b = boards()[i];
            std::printf("%s{\"id\": %s, \"name\": %s, \"core\": %s, \"flash_bytes\": %lld, \"ram_bytes\": %lld, "
                        "\"toolchain\": %s, \"reserved\": %s}",
                        i ? ", " : "", jsonString(b.id).c_str(), jsonString(b.name).c_str(), jsonString(b.core).c_str(),
                        static_cast<long long>(b.flashBytes), static_cast<long long>(b.ramBytes),
                        jsonString(b.toolchain).c_str(), jsonString(b.reserved).c_str());
        }
        std::printf("]\n");
        return 0;
    }
    std::printf("%-17s %-26s %11s %9s  %s\n", "id", "name", "Flash (B)", "RAM (B)", "toolchain");
    for (const Board &b : boards())
        std::printf("%-17s %-26s %11s %9s  %s\n", b.id.c_str(), b.name.c_str(), grouped(b.flashBytes).c_str(),
                    grouped(b.ramBytes).c_str(), b.toolchain.empty() ? "(none in Debian)" : b.toolchain.c_str());
    std::printf("\nFlash and RAM are what a program can use: the chip's memory less the bootloader and the\n"
                "board's core (docs/facts.md section 9).\n");
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // image plugins (JPEG) and resources need it
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        if (args.size() > 1 && args[0] == "help") {
            if (const Command *c = findCommand(args[1])) {
                std::fputs(c->help, stdout);
                return 0;
            }
            std::fprintf(stderr, "tinyml help: unknown command '%s' (try tinyml help)\n",
                         args[1].c_str());
            return 2;
        }
        std::fputs(overview().c_str(), args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version" || args[0] == "version") {
        std::printf("tinyml %s\n", TINYML_VERSION);
        return 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (const Command *c = findCommand(command); c && wantsHelp(args)) {
        std::fputs(c->help, stdout);
        return 0;
    }
    try {
        if (command == "train")
            return cmdTrain(args);
        if (command == "evaluate")
            return cmdEvaluate(args);
        if (command == "predict")
            return cmdPredict(args);
        if (command == "bench")
            return cmdBench(args);
        if (command == "export")
            return cmdExport(args);
        if (command == "summary")
            return cmdSummary(args);
        if (command == "boards")
            return cmdBoards(args);
        throw UsageError("unknown command '" + command + "' (try tinyml help)");
    } catch (const UsageError &e) {
        std::fprintf(stderr, "tinyml %s: %s\n", command.c_str(), e.what());
        return 2;
    } catch (const Error &e) {
        std::fprintf(stderr, "tinyml %s: %s\n", command.c_str(), e.what());
        return 1;
    } catch (const std::bad_alloc &) {
        std::fprintf(stderr, "tinyml %s: out of memory (is a layer size absurd?)\n", command.c_str());
        return 1;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "tinyml %s: %s\n", command.c_str(), e.what());
        return 1;
    }
}

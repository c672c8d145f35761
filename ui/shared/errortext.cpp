// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/errortext.h"

#include <QDir>

#include <cerrno>
#include <cmath>
#include <new>

namespace tinyml::ui {

using core::ErrorArgs;
using core::ErrorCode;
using core::ErrorField;

namespace {

/// Formats the arguments of one error for one locale.
class Args
{
public:
    Args(const ErrorArgs &a, const QLocale &locale) : m_a(a), m_locale(locale) {}

    QString file() const { return path(m_a.file); }
    QString otherFile() const { return path(m_a.otherFile); }
    QString folder() const { return path(m_a.folder); }
    QString name() const { return QString::fromStdString(m_a.name); }
    QString number(const std::optional<std::int64_t> &v) const
    {
        return v ? m_locale.toString(qlonglong(*v)) : QStringLiteral("?");
    }
    /// A count from 0 shown from 1 (layer 0 is "layer 1").
    QString ordinal(const std::optional<std::int64_t> &v) const
    {
        return v ? m_locale.toString(qlonglong(*v + 1)) : QStringLiteral("?");
    }
    QString real() const
    {
        return m_a.value ? m_locale.toString(*m_a.value, 'g', 6) : number(m_a.found);
    }
    /// 10 to the power v, as "1e+38".
    QString power(const std::optional<std::int64_t> &v) const
    {
        return v ? m_locale.toString(std::pow(10.0, double(*v)), 'g', 6) : QStringLiteral("?");
    }
    QString hex(const std::optional<std::int64_t> &v) const
    {
        return QStringLiteral("0x")
               + QStringLiteral("%1")
                     .arg(qulonglong(v.value_or(0)), 8, 16, QLatin1Char('0'))
                     .toUpper();
    }
    /// The operating system's reason: translated where known, else as the system gave it.
    QString reason() const
    {
        const QString known = ErrorText::systemReason(m_a.systemError);
        if (!known.isEmpty())
            return known;
        return m_a.detail.empty() ? ErrorText::tr("unknown reason")
                                  : QString::fromLocal8Bit(m_a.detail.c_str());
    }
    bool labels() const { return m_a.field == ErrorField::Labels; }
    const ErrorArgs &raw() const { return m_a; }

private:
    static QString path(const std::string &p)
    {
        return QDir::toNativeSeparators(QString::fromStdString(p));
    }

    const ErrorArgs &m_a;
    const QLocale &m_locale;
};

/// "3 (MaxPooling2D)": the layer counted from 1, with its kind (a Keras class name) when known.
QString layerName(const Args &x)
{
    const QString n = x.ordinal(x.raw().index);
    return x.raw().name.empty() ? n : QStringLiteral("%1 (%2)").arg(n, x.name());
}

QString settingText(const Args &x)
{
    const ErrorArgs &a = x.raw();
    switch (a.field) {
    case ErrorField::InputSize:
        return ErrorText::tr("The input size %1 is not between 1 and %2.")
            .arg(x.number(a.found), x.number(a.limit));
    case ErrorField::LayerCount:
        if (a.found && *a.found == 0)
            return ErrorText::tr("A model needs at least one layer.");
        return ErrorText::tr("A model may have at most %1 layers (found %2).")
            .arg(x.number(a.limit), x.number(a.found));
    case ErrorField::LayerUnits:
        return ErrorText::tr("Layer %1 has %2 units; a layer needs between 1 and %3.")
            .arg(x.ordinal(a.index), x.number(a.found), x.number(a.limit));
    case ErrorField::L2:
        return ErrorText::tr("The L2 factor must be between 0 and 1 (found %1).").arg(x.real());
    case ErrorField::Dropout:
        if (a.index)
            return ErrorText::tr("Layer %1: the dropout rate must be at least 0 and below 1 "
                                 "(found %2).")
                .arg(layerName(x), x.real());
        return ErrorText::tr("The dropout rate must be at least 0 and below 1 (found %1).")
            .arg(x.real());
    case ErrorField::LearningRate:
        return ErrorText::tr("The learning rate must be a positive number (found %1).")
            .arg(x.real());
    case ErrorField::DecayRates:
        return ErrorText::tr(
            "Optimizer decay rates (beta1, beta2, rho, momentum) must be at least 0 and below 1.");
    case ErrorField::Epsilon:
        return ErrorText::tr("The optimizer's epsilon must be positive (found %1).").arg(x.real());
    case ErrorField::Epochs:
        return ErrorText::tr("The number of epochs must be between 1 and %1 (found %2).")
            .arg(x.number(a.limit), x.number(a.found));
    case ErrorField::BatchSize:
        return ErrorText::tr("The batch size must be between 1 and %1 (found %2).")
            .arg(x.number(a.limit), x.number(a.found));
    case ErrorField::ValidationSplit:
        return ErrorText::tr("The validation split must be at least 0 and below 1 (found %1).")
            .arg(x.real());
    case ErrorField::Patience:
        return ErrorText::tr("The early-stopping patience cannot be negative (found %1).")
            .arg(x.number(a.found));
    case ErrorField::TrainSubset:
        return ErrorText::tr("The training subset size cannot be negative (found %1).")
            .arg(x.number(a.found));
    case ErrorField::OutputUnits:
        return ErrorText::tr("The output layer has %1 units; at most %2 classes are possible.")
            .arg(x.number(a.found), x.number(a.limit));
    case ErrorField::KernelSize:
        return ErrorText::tr("Layer %1 needs a kernel size between 1 and %2 (found %3).")
            .arg(layerName(x), x.number(a.limit), x.number(a.found));
    case ErrorField::Stride:
        return ErrorText::tr("Layer %1 needs a stride between 1 and %2 (found %3).")
            .arg(layerName(x), x.number(a.limit), x.number(a.found));
    case ErrorField::InputShape:
        return ErrorText::tr("The input shape must have a height, width and channels of at "
                             "least 1 and match the input size.");
    default:
        return ErrorText::tr("The setting “%1” is invalid.").arg(ErrorText::fieldName(a.field));
    }
}

QString modelValueText(const Args &x)
{
    const ErrorArgs &a = x.raw();
    switch (a.field) {
    case ErrorField::LayerUnits:
        return ErrorText::tr(
                   "Cannot load the model %1: layer %2 claims %3 units, an impossible size.")
            .arg(x.file(), x.ordinal(a.index), x.number(a.found));
    case ErrorField::ParameterCount:
        return ErrorText::tr(
                   "Cannot load the model %1: it claims %2 parameters but its layers need %3.")
            .arg(x.file(), x.number(a.found), x.number(a.expected));
    case ErrorField::ActivationCode:
    case ErrorField::LossCode:
    case ErrorField::InitializerCode:
    case ErrorField::OptimizerCode:
    case ErrorField::LayerKindCode:
    case ErrorField::PaddingCode:
        return ErrorText::tr("Cannot load the model %1: unknown %2 %3 at byte %4.")
            .arg(x.file(), ErrorText::fieldName(a.field), x.number(a.found), x.number(a.offset));
    default:
        return ErrorText::tr("Cannot load the model %1: impossible %2 %3.")
            .arg(x.file(), ErrorText::fieldName(a.field), x.number(a.found));
    }
}

/// ModelValuesTooLarge: weights or worst-case activations beyond the engine's limits.
QString modelTooLargeText(const Args &x)
{
    const ErrorArgs &a = x.raw();
    const QString limit = x.power(a.limit);
    if (a.field == ErrorField::Activations) {
        if (a.file.empty())
            return ErrorText::tr("The model cannot be used: layer %1 can reach values up to %2 "
                                 "for inputs between 0 and 1, more than the %3 that float "
                                 "arithmetic carries safely.")
                .arg(x.ordinal(a.index), x.real(), limit);
        return ErrorText::tr("Cannot load the model %1: layer %2 can reach values up to %3 for "
                             "inputs between 0 and 1, more than the %4 that float arithmetic "
                             "carries safely.")
            .arg(x.file(), x.ordinal(a.index), x.real(), limit);
    }
    if (a.file.empty())
        return ErrorText::tr("The model cannot be used: layer %1 holds a weight of magnitude %2; "
                             "weights may be at most %3.")
            .arg(x.ordinal(a.index), x.real(), limit);
    return ErrorText::tr("Cannot load the model %1: layer %2 holds a weight of magnitude %3; "
                         "weights may be at most %4.")
        .arg(x.file(), x.ordinal(a.index), x.real(), limit);
}

/// QuantizationUnsafe: an int8 quantity out of its range.
QString quantizationText(const Args &x)
{
    const ErrorArgs &a = x.raw();
    switch (a.field) {
    case ErrorField::Int8Scale:
        return ErrorText::tr("The model cannot be quantized to int8 safely: the values of layer "
                             "%1 have no usable scale (%2).")
            .arg(x.ordinal(a.index), x.real());
    case ErrorField::Int8Shift:
        return ErrorText::tr("The model cannot be quantized to int8 safely: layer %1 needs a "
                             "requantization shift of %2, outside −31 to %3.")
            .arg(x.ordinal(a.index), x.number(a.found), x.number(a.limit));
    case ErrorField::Int8Bias:
        return ErrorText::tr("The model cannot be quantized to int8 safely: a bias of layer %1 "
                             "becomes %2 in int32, beyond ±%3.")
            .arg(x.ordinal(a.index), x.real(), x.number(a.limit));
    case ErrorField::Int8Accumulator:
        return ErrorText::tr("The model cannot be quantized to int8 safely: the int32 "
                             "accumulator of layer %1 can reach %2, beyond %3.")
            .arg(x.ordinal(a.index), x.number(a.found), x.number(a.limit));
    default:
        return ErrorText::tr("The model cannot be quantized to int8 safely: layer %1 is out of "
                             "range.")
            .arg(x.ordinal(a.index));
    }
}

} // namespace

QString ErrorText::fieldName(ErrorField field)
{
    switch (field) {
    case ErrorField::None:
        return tr("value");
    case ErrorField::InputSize:
        return tr("input size");
    case ErrorField::LayerCount:
        return tr("layer count");
    case ErrorField::LayerUnits:
        return tr("units of a layer");
    case ErrorField::L2:
        return tr("L2 factor");
    case ErrorField::Dropout:
        return tr("dropout rate");
    case ErrorField::LearningRate:
        return tr("learning rate");
    case ErrorField::DecayRates:
        return tr("optimizer decay rates");
    case ErrorField::Epsilon:
        return tr("optimizer's epsilon");
    case ErrorField::Epochs:
        return tr("number of epochs");
    case ErrorField::BatchSize:
        return tr("batch size");
    case ErrorField::ValidationSplit:
        return tr("validation split");
    case ErrorField::Patience:
        return tr("early-stopping patience");
    case ErrorField::TrainSubset:
        return tr("training subset size");
    case ErrorField::OutputUnits:
        return tr("units of the output layer");
    case ErrorField::KernelSize:
        return tr("kernel size");
    case ErrorField::Stride:
        return tr("stride");
    case ErrorField::InputShape:
        return tr("input shape");
    case ErrorField::LayerKindCode:
        return tr("layer kind code");
    case ErrorField::PaddingCode:
        return tr("padding code");
    case ErrorField::ActivationCode:
        return tr("activation code");
    case ErrorField::LossCode:
        return tr("loss code");
    case ErrorField::InitializerCode:
        return tr("initializer code");
    case ErrorField::OptimizerCode:
        return tr("optimizer code");
    case ErrorField::ParameterCount:
        return tr("parameter count");
    case ErrorField::InfoEntries:
        return tr("number of info entries");
    case ErrorField::TextLength:
        return tr("text length");
    case ErrorField::OptimizerState:
        return tr("optimizer state size");
    case ErrorField::Weights:
        return tr("weights");
    case ErrorField::Activations:
        return tr("activations");
    case ErrorField::Int8Scale:
        return tr("int8 scale");
    case ErrorField::Int8Shift:
        return tr("int8 requantization shift");
    case ErrorField::Int8Bias:
        return tr("int32 bias");
    case ErrorField::Int8Accumulator:
        return tr("int32 accumulator");
    case ErrorField::Images:
        return tr("images");
    case ErrorField::Labels:
        return tr("labels");
    }
    return tr("value");
}

QString ErrorText::systemReason(int errorNumber)
{
    switch (errorNumber) {
    case ENOENT:
        return tr("the file or folder does not exist");
    case EACCES:
    case EPERM:
        return tr("permission denied");
    case ENOSPC:
        return tr("the disk is full");
    case EDQUOT:
        return tr("the disk quota is exhausted");
    case EROFS:
        return tr("the disk is read-only");
    case EISDIR:
        return tr("it is a folder, not a file");
    case ENOTDIR:
        return tr("a part of the path is not a folder");
    case EIO:
        return tr("input/output error");
    default:
        return {};
    }
}

QString ErrorText::text(ErrorCode code, const ErrorArgs &a, const QLocale &locale)
{
    const Args x(a, locale);
    switch (code) {
    case ErrorCode::FileMissing:
        return tr("Cannot read %1: the file does not exist.").arg(x.file());
    case ErrorCode::FileIsFolder:
        return tr("Cannot read %1: it is a folder, not a file.").arg(x.file());
    case ErrorCode::FileNotRegular:
        return tr("Cannot use %1: it is not a regular file (but a pipe, device or socket).")
            .arg(x.file());
    case ErrorCode::FileEmpty:
        return tr("Cannot read %1: the file is empty.").arg(x.file());
    case ErrorCode::FileOpen:
        return tr("Cannot open %1: %2.").arg(x.file(), x.reason());
    case ErrorCode::FileRead:
        if (a.expected && a.found)
            return tr("Cannot read %1: read %2 of %3 bytes.")
                .arg(x.file(), x.number(a.found), x.number(a.expected));
        return tr("Cannot read %1: %2.").arg(x.file(), x.reason());
    case ErrorCode::FileTooLarge:
        return tr("Cannot read %1: the file is %2 bytes, more than the %3 expected at most.")
            .arg(x.file(), x.number(a.found), x.number(a.limit));
    case ErrorCode::FileWrite:
        return tr("Cannot write %1: %2.").arg(x.file(), x.reason());
    case ErrorCode::FolderMissing:
        return tr("Cannot write %1: the folder %2 does not exist.").arg(x.file(), x.folder());
    case ErrorCode::FolderCreate:
        return tr("Cannot create the folder %1: %2.").arg(x.folder(), x.reason());
    case ErrorCode::GzipCorrupt:
        return tr("Cannot decompress %1: the compressed data is damaged (%2).")
            .arg(x.file(), x.reason());
    case ErrorCode::GzipTruncated:
        return tr("Cannot decompress %1: the compressed data ends too early.").arg(x.file());
    case ErrorCode::GzipTooLarge:
        return tr("Cannot decompress %1: it expands to more than %2 bytes.")
            .arg(x.file(), x.number(a.limit));
    case ErrorCode::IdxWrongKind:
        if (x.labels())
            return tr("Cannot load %1: this is an IDX image file (magic %2), not a label file.")
                .arg(x.file(), x.hex(a.found));
        return tr("Cannot load %1: this is an IDX label file (magic %2), not an image file.")
            .arg(x.file(), x.hex(a.found));
    case ErrorCode::IdxTooShort:
        if (x.labels())
            return tr("Cannot load %1: the file is %2 bytes long, too short for an IDX label "
                      "header (%3 bytes).")
                .arg(x.file(), x.number(a.found), x.number(a.expected));
        return tr("Cannot load %1: the file is %2 bytes long, too short for an IDX image header "
                  "(%3 bytes).")
            .arg(x.file(), x.number(a.found), x.number(a.expected));
    case ErrorCode::IdxBadMagic:
        if (x.labels())
            return tr("Cannot load %1: wrong magic number %2; IDX label files start with %3.")
                .arg(x.file(), x.hex(a.found), x.hex(a.expected));
        return tr("Cannot load %1: wrong magic number %2; IDX image files start with %3.")
            .arg(x.file(), x.hex(a.found), x.hex(a.expected));
    case ErrorCode::IdxBadCount:
        if (x.labels())
            return tr("Cannot load %1: impossible label count %2.")
                .arg(x.file(), x.number(a.found));
        return tr("Cannot load %1: impossible image count %2.").arg(x.file(), x.number(a.found));
    case ErrorCode::IdxBadDimensions:
        if (a.expected)
            return tr("Cannot load %1: the images are %2×%3, not %4×%4.")
                .arg(x.file(), x.number(a.rows), x.number(a.cols), x.number(a.expected));
        return tr("Cannot load %1: impossible image size %2×%3.")
            .arg(x.file(), x.number(a.rows), x.number(a.cols));
    case ErrorCode::IdxTruncated:
        if (x.labels())
            return tr("Cannot load %1: the header promises %2 labels (%3 bytes) but the file has "
                      "%4 bytes (truncated at byte %5).")
                .arg(x.file(), x.number(a.index), x.number(a.expected), x.number(a.found),
                     x.number(a.offset));
        return tr("Cannot load %1: the header promises %2 images of %3×%4 (%5 bytes) but the file "
                  "has %6 bytes (truncated at byte %7).")
            .arg(x.file(), x.number(a.index), x.number(a.rows), x.number(a.cols),
                 x.number(a.expected), x.number(a.found), x.number(a.offset));
    case ErrorCode::IdxTooLong:
        if (!a.found && x.labels())
            return tr("Cannot load %1: the header promises %2 labels but the file holds more (too "
                      "long).")
                .arg(x.file(), x.number(a.index));
        if (!a.found)
            return tr("Cannot load %1: the header promises %2 images of %3×%4 (%5 bytes) but the "
                      "file holds more (too long).")
                .arg(x.file(), x.number(a.index), x.number(a.rows), x.number(a.cols),
                     x.number(a.expected));
        if (x.labels())
            return tr("Cannot load %1: the header promises %2 labels (%3 bytes) but the file has "
                      "%4 bytes (too long).")
                .arg(x.file(), x.number(a.index), x.number(a.expected), x.number(a.found));
        return tr("Cannot load %1: the header promises %2 images of %3×%4 (%5 bytes) but the file "
                  "has %6 bytes (too long).")
            .arg(x.file(), x.number(a.index), x.number(a.rows), x.number(a.cols),
                 x.number(a.expected), x.number(a.found));
    case ErrorCode::IdxTooLarge:
        if (x.labels())
            return tr("Cannot load %1: the header promises %2 labels, more than the %3 accepted.")
                .arg(x.file(), x.number(a.index), x.number(a.limit));
        return tr("Cannot load %1: the header promises %2 images of %3×%4 (%5 bytes), more than "
                  "the %6 bytes accepted.")
            .arg(x.file(), x.number(a.index), x.number(a.rows), x.number(a.cols),
                 x.number(a.expected), x.number(a.limit));
    case ErrorCode::IdxPartialImage:
        return tr("Cannot write %1: the pixels do not fill whole images.").arg(x.file());
    case ErrorCode::LabelOutOfRange:
        return tr("Cannot load %1: label %2 of item %3 is above %4.")
            .arg(x.file(), x.number(a.found), x.number(a.index), x.number(a.limit));
    case ErrorCode::CountMismatch:
        return tr("Cannot load %1: %2 holds %3 images but %4 holds %5 labels.")
            .arg(x.name(), x.file(), x.number(a.expected), x.otherFile(), x.number(a.found));
    case ErrorCode::DataMissing:
        return tr("Cannot find %1 (or %1.gz) in %2. Fetch MNIST on the Train tab or with "
                  "scripts/fetch-mnist.sh.")
            .arg(x.name(), x.folder());
    case ErrorCode::ModelTooShort:
        return tr("Cannot load the model %1: the file is only %2 bytes long.")
            .arg(x.file(), x.number(a.found));
    case ErrorCode::ModelBadMagic:
        return tr("Cannot load the model %1: this is not a TinyML Studio model file (wrong magic).")
            .arg(x.file());
    case ErrorCode::ModelBadVersion:
        return tr("Cannot load the model %1: the file has format version %2; this TinyML Studio "
                  "reads up to version %3. Update TinyML Studio to open it.")
            .arg(x.file(), x.number(a.found), x.number(a.limit));
    case ErrorCode::ModelTruncated:
        if (a.expected && a.found)
            return tr("Cannot load the model %1: the file is truncated (the weights need %2 bytes, "
                      "only %3 remain).")
                .arg(x.file(), x.number(a.expected), x.number(a.found));
        return tr("Cannot load the model %1: the file is truncated (it ends at byte %2 in the "
                  "middle of the model).")
            .arg(x.file(), x.number(a.offset));
    case ErrorCode::ModelBadValue:
        return modelValueText(x);
    case ErrorCode::ModelBadSettings:
        return tr("Cannot load the model %1: the stored settings are invalid: %2")
            .arg(x.file(), a.cause && *a.cause != ErrorCode::ModelBadSettings
                               ? text(*a.cause, a, locale)
                               : x.reason() + QLatin1Char('.'));
    case ErrorCode::ModelTrailingBytes:
        return tr("Cannot load the model %1: there are %2 unexpected bytes after the end.")
            .arg(x.file(), x.number(a.found));
    case ErrorCode::ModelChecksum:
        return tr("Cannot load the model %1: the checksum does not match: the file is damaged.")
            .arg(x.file());
    case ErrorCode::ModelNotFinite:
        if (a.field == ErrorField::OptimizerState)
            return tr("Cannot load the model %1: the saved optimizer state holds numbers that are "
                      "not finite (NaN or infinity).")
                .arg(x.file());
        return tr("Cannot load the model %1: some weights are not finite numbers (NaN or "
                  "infinity).")
            .arg(x.file());
    case ErrorCode::ModelValuesTooLarge:
        return modelTooLargeText(x);
    case ErrorCode::ModelNotEmbedded:
        return tr("The model %1 is not embedded in this build.").arg(x.file());
    case ErrorCode::SpecInvalid:
        return settingText(x);
    case ErrorCode::SoftmaxNotLast:
        return tr("Softmax is only allowed on the output layer.");
    case ErrorCode::ModelTooLarge:
        return tr("This network would have %1 parameters; TinyML Studio allows at most %2. Use "
                  "fewer or smaller layers.")
            .arg(x.number(a.found), x.number(a.limit));
    case ErrorCode::InputMismatch:
        return tr("The model expects %1 inputs but the images have %2 pixels.")
            .arg(x.number(a.expected), x.number(a.found));
    case ErrorCode::NoTrainingData:
        return tr("There are no training images.");
    case ErrorCode::ValidationTooLarge:
        return tr("The validation split leaves no images to train on.");
    case ErrorCode::LabelAboveOutputs:
        return tr("The label %1 is larger than the number of outputs (%2).")
            .arg(x.number(a.found), x.number(a.limit));
    case ErrorCode::LossNeedsLabels:
        return tr("Sparse categorical cross-entropy needs class labels.");
    case ErrorCode::OptimizerStateMismatch:
        return tr("The saved optimizer state does not match the model.");
    case ErrorCode::LayerNeedsFlatten:
        return tr("Layer %1 is Dense but its input is an image tensor: add Flatten() before it.")
            .arg(layerName(x));
    case ErrorCode::LayerNeedsImage:
        return tr("Layer %1 needs an image input (height, width, channels) but its input is "
                  "flat.")
            .arg(layerName(x));
    case ErrorCode::KernelTooLarge:
        return tr("Layer %1: its window of %2×%2 is larger than its input (%3 pixels on the "
                  "smaller side).")
            .arg(layerName(x), x.number(a.found), x.number(a.limit));
    case ErrorCode::PoolingOneByOne:
        return tr("Layer %1 pools a 1×1 map: there is nothing left to pool.").arg(layerName(x));
    case ErrorCode::LayersSyntax:
        return tr("Column %1: “%2”: expected %3.")
            .arg(x.number(a.offset), x.name(), QString::fromStdString(a.detail));
    case ErrorCode::ExportLayerUnsupported:
        return tr("Layer %1 cannot be exported: a pooling, Flatten or Dropout layer with an "
                  "activation of its own has no int8 or C kernel; put the activation on the layer "
                  "before it.")
            .arg(layerName(x));
    case ErrorCode::StudioLayerUnsupported:
        return tr("Layer %1: this version of the studio shows dense models only; use the tinyml "
                  "command line to train, evaluate and predict with this model.")
            .arg(layerName(x));
    case ErrorCode::WeightsNotFinite:
        return tr("The model holds weights that are not finite numbers (NaN or infinity); it "
                  "cannot be exported. Train it again with a lower learning rate.");
    case ErrorCode::ExportNeedsSoftmax:
        return tr("Only models with a softmax output can be exported.");
    case ErrorCode::ExportNeedsImages:
        return tr("Only models with %1 inputs (28×28 images) can be exported.")
            .arg(x.number(a.expected));
    case ErrorCode::CalibrationEmpty:
        return tr("Calibration needs at least one image.");
    case ErrorCode::QuantizationUnsafe:
        return quantizationText(x);
    case ErrorCode::TfliteLayerUnsupported:
        return a.found == 1
                   ? tr("Layer %1 with the activation “%2” cannot be written to an int8 .tflite "
                        "file; export it as float32.")
                         .arg(layerName(x), QString::fromStdString(a.detail))
                   : tr("Layer %1 with the activation “%2” cannot be written to a .tflite file.")
                         .arg(layerName(x), QString::fromStdString(a.detail));
    case ErrorCode::TfliteBadIdentifier:
        return tr("Cannot load the model %1: it is not a TensorFlow Lite file (the identifier TFL3 "
                  "is missing).")
            .arg(x.file());
    case ErrorCode::TfliteMalformed:
        return tr("Cannot load the model %1: the TensorFlow Lite file is damaged (its structure "
                  "does not hold together: truncated, or offsets out of range).")
            .arg(x.file());
    case ErrorCode::TfliteSubgraphs:
        return tr("Cannot load the model %1: the TensorFlow Lite file holds %2 subgraphs; the "
                  "studio reads files with exactly one.")
            .arg(x.file(), x.number(a.found));
    case ErrorCode::TfliteOperatorUnsupported:
        return tr("Cannot load the model %1: operator %2 (index %3) is not supported. The studio "
                  "reads FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D, AVERAGE_POOL_2D,"
                  " RESHAPE, SOFTMAX, LOGISTIC, TANH, RELU, LEAKY_RELU, QUANTIZE and DEQUANTIZE.")
            .arg(x.file(), x.name(), x.number(a.index));
    case ErrorCode::TfliteOptionUnsupported:
        return tr("Cannot load the model %1: operator %2 (index %3) uses %4, which the studio "
                  "cannot compute.")
            .arg(x.file(), x.name(), x.number(a.index), QString::fromStdString(a.detail));
    case ErrorCode::TfliteNotChain:
        if (!a.index)
            return tr("Cannot load the model %1: the model has %2 inputs and %3 outputs; the studio "
                      "reads models with one of each.")
                .arg(x.file(), x.number(a.found), x.number(a.expected));
        return tr("Cannot load the model %1: operator %2 (index %3) does not continue the chain of "
                  "layers before it (the studio reads models whose operators each take the previous"
                  " one’s output).")
            .arg(x.file(), x.name(), x.number(a.index));
    case ErrorCode::TfliteTensorType:
        return tr("Cannot load the model %1: tensor %2 (“%3”) has the type %4, which the studio "
                  "cannot read there.")
            .arg(x.file(), x.number(a.index), x.name(), QString::fromStdString(a.detail));
    case ErrorCode::TfliteTensorShape:
        if (a.expected)
            return tr("Cannot load the model %1: tensor %2 (“%3”) has the shape %4 where %5 values are "
                      "needed.")
                .arg(x.file(), x.number(a.index), x.name(), QString::fromStdString(a.detail), x.number(a.expected));
        return tr("Cannot load the model %1: tensor %2 (“%3”) has the shape %4, which does not fit "
                  "its place in the model.")
            .arg(x.file(), x.number(a.index), x.name(), QString::fromStdString(a.detail));
    case ErrorCode::TfliteBufferSize:
        return tr("Cannot load the model %1: the data of tensor %2 (“%3”) is %4 bytes long; its "
                  "shape needs %5.")
            .arg(x.file(), x.number(a.index), x.name(), x.number(a.found), x.number(a.expected));
    case ErrorCode::TfliteNotFinite:
        return tr("Cannot load the model %1: tensor %2 (“%3”) holds numbers that are not finite "
                  "(NaN or infinity).")
            .arg(x.file(), x.number(a.index), x.name());
    case ErrorCode::TfliteTooLarge:
        return tr("Cannot load the model %1: tensor %2 (“%3”) has %4 values, more than the %5 "
                  "accepted.")
            .arg(x.file(), x.number(a.index), x.name(), x.number(a.found), x.number(a.limit));
    case ErrorCode::TfliteInputRangeUnknown:
        return tr("The model %1 does not say which input values it expects for pixels from black to"
                  " white: choose 0..1, 0..255 or −1..1.")
            .arg(x.file());
    case ErrorCode::TfliteInt8Unsupported:
        return tr("The int8 arithmetic of the model %1 cannot run in the studio’s int8 engine: "
                  "operator %2 (index %3) has %4. The model computes in float32 with its weights "
                  "dequantized.")
            .arg(x.file(), x.name(), x.number(a.index), QString::fromStdString(a.detail));
    case ErrorCode::ImageUnreadable:
        return tr("Cannot read the image %1: it is neither a PNG nor a JPEG file.").arg(x.file());
    case ErrorCode::ImageDamaged:
        return tr("Cannot read the image %1: its data is damaged (%2).").arg(x.file(), x.reason());
    case ErrorCode::ImageTruncated:
        return tr("Cannot read the image %1: the file ends before the image does (it is "
                  "truncated).")
            .arg(x.file());
    case ErrorCode::ImageTooLarge:
        return tr("Cannot read the image %1: %2×%3 pixels need %4 MB, more than the %5 MB "
                  "allowed.")
            .arg(x.file(), x.number(a.cols), x.number(a.rows), x.number(a.found),
                 x.number(a.limit));
    case ErrorCode::RunListInvalid:
        if (a.detail.empty())
            return tr("The run list holds a run without %1.").arg(x.name());
        return tr("The run list holds an unknown %1 “%2”.")
            .arg(x.name(), QString::fromStdString(a.detail));
    case ErrorCode::PlaygroundSettingInvalid:
        if (a.file.empty())
            return tr("The Playground setting “%1” is out of range (found %2).")
                .arg(x.name(), x.real());
        return tr("The Playground file %1 holds an invalid “%2” (found %3); nothing was loaded.")
            .arg(x.file(), x.name(), x.real());
    case ErrorCode::PlaygroundFileInvalid:
        return tr("The file %1 is not a Playground state file (%2); nothing was loaded.")
            .arg(x.file(), a.detail.empty() ? tr("unknown reason")
                                            : QString::fromStdString(a.detail));
    case ErrorCode::Internal:
        return tr("Internal error: %1.").arg(QString::fromStdString(a.detail));
    }
    return tr("Unknown error.");
}

QString errorText(const core::Error &error, const QLocale &locale)
{
    return ErrorText::text(error.code(), error.args(), locale);
}

QString errorText(const std::exception &error, const QLocale &locale)
{
    if (const auto *engine = dynamic_cast<const core::Error *>(&error))
        return errorText(*engine, locale);
    if (dynamic_cast<const std::bad_alloc *>(&error))
        return ErrorText::tr("There is not enough memory for this.");
    return QString::fromLocal8Bit(error.what());
}

} // namespace tinyml::ui

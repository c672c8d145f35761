// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/error.h"

#include <cstdio>

namespace tinyml::core {

namespace {

std::string num(const std::optional<std::int64_t> &v)
{
    return v ? std::to_string(*v) : "?";
}

std::string real(const std::optional<double> &v)
{
    if (!v)
        return "?";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", *v);
    return buf;
}

std::string hex(const std::optional<std::int64_t> &v)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%08llX", static_cast<unsigned long long>(v.value_or(0)));
    return buf;
}

/// " (found 5)" or " (found 1.5)" when the value is known.
std::string foundSuffix(const ErrorArgs &a)
{
    if (a.value)
        return " (found " + real(a.value) + ")";
    if (a.found)
        return " (found " + num(a.found) + ")";
    return {};
}

std::string reason(const ErrorArgs &a)
{
    return a.detail.empty() ? "unknown reason" : a.detail;
}

/// "3 (MaxPooling2D)": the layer counted from 1, with its kind when known.
std::string layerName(const ErrorArgs &a)
{
    const std::string n = num(a.index ? std::optional<std::int64_t>(*a.index + 1) : a.index);
    return a.name.empty() ? n : n + " (" + a.name + ")";
}

std::string settingText(const ErrorArgs &a)
{
    const std::string f = foundSuffix(a);
    switch (a.field) {
    case ErrorField::InputSize:
        return "The input size " + num(a.found) + " is not between 1 and " + num(a.limit) + ".";
    case ErrorField::LayerCount:
        if (a.found && *a.found == 0)
            return "A model needs at least one layer.";
        return "A model may have at most " + num(a.limit) + " layers" + f + ".";
    case ErrorField::LayerUnits:
        return "Layer " + num(a.index ? std::optional<std::int64_t>(*a.index + 1) : a.index)
               + " has " + num(a.found) + " units; a layer needs between 1 and " + num(a.limit)
               + ".";
    case ErrorField::L2:
        return "The L2 factor must be between 0 and 1" + f + ".";
    case ErrorField::Dropout:
        if (a.index)
            return "Layer " + layerName(a) + ": the dropout rate must be at least 0 and below 1"
                   + f + ".";
        return "The dropout rate must be at least 0 and below 1" + f + ".";
    case ErrorField::LearningRate:
        return "The learning rate must be a positive number" + f + ".";
    case ErrorField::DecayRates:
        return "Optimizer decay rates (beta1, beta2, rho, momentum) must be in [0, 1)" + f + ".";
    case ErrorField::Epsilon:
        return "The optimizer's epsilon must be positive" + f + ".";
    case ErrorField::Epochs:
        return "The number of epochs must be between 1 and " + num(a.limit) + f + ".";
    case ErrorField::BatchSize:
        return "The batch size must be between 1 and " + num(a.limit) + f + ".";
    case ErrorField::ValidationSplit:
        return "The validation split must be at least 0 and below 1" + f + ".";
    case ErrorField::Patience:
        return "The early-stopping patience cannot be negative" + f + ".";
    case ErrorField::TrainSubset:
        return "The training subset size cannot be negative" + f + ".";
    case ErrorField::OutputUnits:
        return "The output layer has " + num(a.found) + " units; at most " + num(a.limit)
               + " classes are possible.";
    case ErrorField::KernelSize:
        return "Layer " + layerName(a) + " needs a kernel size between 1 and " + num(a.limit) + f
               + ".";
    case ErrorField::Stride:
        return "Layer " + layerName(a) + " needs a stride between 1 and " + num(a.limit) + f + ".";
    case ErrorField::InputShape:
        return "The input shape must have a height, width and channels of at least 1 and "
               "match the input size.";
    default:
        return "The setting " + std::string(englishName(a.field)) + " is invalid" + f + ".";
    }
}

std::string modelValueText(const ErrorArgs &a)
{
    switch (a.field) {
    case ErrorField::LayerCount:
        return "impossible layer count " + num(a.found) + ".";
    case ErrorField::LayerUnits:
        return "layer " + num(a.index ? std::optional<std::int64_t>(*a.index + 1) : a.index)
               + " claims " + num(a.found) + " units, an impossible size.";
    case ErrorField::InputSize:
        return "impossible input size " + num(a.found) + ".";
    case ErrorField::ParameterCount:
        return "it claims " + num(a.found) + " parameters but its layers need " + num(a.expected)
               + ".";
    case ErrorField::InfoEntries:
        return "impossible number of info entries " + num(a.found) + ".";
    case ErrorField::TextLength:
        return "a text entry claims " + num(a.found) + " bytes, more than possible.";
    case ErrorField::OptimizerState:
        return "the optimizer state claims " + num(a.found)
               + " values, which the file cannot hold.";
    case ErrorField::ActivationCode:
    case ErrorField::LossCode:
    case ErrorField::InitializerCode:
    case ErrorField::OptimizerCode:
    case ErrorField::LayerKindCode:
    case ErrorField::PaddingCode:
        return "unknown " + std::string(englishName(a.field)) + " " + num(a.found) + ".";
    default:
        return "impossible " + std::string(englishName(a.field)) + " " + num(a.found) + ".";
    }
}

std::string layerNumber(const ErrorArgs &a)
{
    return num(a.index ? std::optional<std::int64_t>(*a.index + 1) : a.index);
}

/// ModelValuesTooLarge: weights or worst-case activations beyond the engine's limits.
std::string modelTooLargeText(const ErrorArgs &a)
{
    const std::string start = a.file.empty() ? "The model cannot be used: "
                                             : "Cannot load the model " + a.file + ": ";
    if (a.field == ErrorField::Activations)
        return start + "layer " + layerNumber(a) + " can reach values up to " + real(a.value)
               + " for inputs between 0 and 1, more than the 1e" + num(a.limit)
               + " that float arithmetic carries safely.";
    return start + "layer " + layerNumber(a) + " holds a weight of magnitude " + real(a.value)
           + "; weights may be at most 1e" + num(a.limit) + ".";
}

/// QuantizationUnsafe: an int8 quantity out of its range.
std::string quantizationText(const ErrorArgs &a)
{
    const std::string start = "The model cannot be quantized to int8 safely: ";
    const std::string layer = layerNumber(a);
    switch (a.field) {
    case ErrorField::Int8Scale:
        return start + "the values of layer " + layer + " have no usable scale (" + real(a.value)
               + ").";
    case ErrorField::Int8Shift:
        return start + "layer " + layer + " needs a requantization shift of " + num(a.found)
               + ", outside -31 to " + num(a.limit) + ".";
    case ErrorField::Int8Bias:
        return start + "a bias of layer " + layer + " becomes " + real(a.value)
               + " in int32, beyond +-" + num(a.limit) + ".";
    case ErrorField::Int8Accumulator:
        return start + "the int32 accumulator of layer " + layer + " can reach " + num(a.found)
               + ", beyond " + num(a.limit) + ".";
    default:
        return start + "layer " + layer + " is out of range.";
    }
}

/// "the header promises 3 images of 4x5 (76 bytes) but the file has 71 bytes (" or, for labels,
/// "the header promises 5 labels but the file has 3 (11 bytes, 13 expected": the caller adds the
/// rest of the parenthesis.
std::string idxPromise(const ErrorArgs &a)
{
    if (a.field == ErrorField::Labels) {
        const std::optional<std::int64_t> labels
            = a.found ? std::optional<std::int64_t>(*a.found - 8) : std::nullopt;
        return "the header promises " + num(a.index) + " labels but the file has " + num(labels)
               + " (" + num(a.found) + " bytes, " + num(a.expected) + " expected";
    }
    return "the header promises " + num(a.index) + " images of " + num(a.rows) + "x" + num(a.cols)
           + " (" + num(a.expected) + " bytes) but the file has " + num(a.found) + " bytes (";
}

} // namespace

std::string englishText(ErrorCode code, const ErrorArgs &a)
{
    const std::string &file = a.file;
    switch (code) {
    case ErrorCode::FileMissing:
        return "Cannot read " + file + ": the file does not exist.";
    case ErrorCode::FileIsFolder:
        return "Cannot read " + file + ": it is a folder, not a file.";
    case ErrorCode::FileNotRegular:
        return "Cannot use " + file + ": it is not a regular file (but a pipe, device or socket).";
    case ErrorCode::FileEmpty:
        return "Cannot read " + file + ": the file is empty.";
    case ErrorCode::FileOpen:
        return "Cannot open " + file + ": " + reason(a) + ".";
    case ErrorCode::FileRead:
        if (a.expected && a.found)
            return "Cannot read " + file + ": read " + num(a.found) + " of " + num(a.expected)
                   + " bytes.";
        return "Cannot read " + file + ": " + reason(a) + ".";
    case ErrorCode::FileTooLarge:
        return "Cannot read " + file + ": the file is " + num(a.found) + " bytes, more than the "
               + num(a.limit) + " expected at most.";
    case ErrorCode::FileWrite:
        return "Cannot write " + file + ": " + reason(a) + ".";
    case ErrorCode::FolderMissing:
        return "Cannot write " + file + ": the folder " + a.folder + " does not exist.";
    case ErrorCode::FolderCreate:
        return "Cannot create " + a.folder + ": " + reason(a) + ".";
    case ErrorCode::GzipCorrupt:
        return "Cannot decompress " + file + ": " + reason(a) + ".";
    case ErrorCode::GzipTruncated:
        return "Cannot decompress " + file + ": the compressed data ends too early.";
    case ErrorCode::GzipTooLarge:
        return "Cannot decompress " + file + ": it expands to more than " + num(a.limit)
               + " bytes.";
    case ErrorCode::IdxWrongKind:
        if (a.field == ErrorField::Labels)
            return "Cannot load " + file + ": this is an IDX image file (magic " + hex(a.found)
                   + "), not a label file.";
        return "Cannot load " + file + ": this is an IDX label file (magic " + hex(a.found)
               + "), not an image file.";
    case ErrorCode::IdxTooShort:
        return "Cannot load " + file + ": the file is " + num(a.found)
               + " bytes long, too short for an IDX "
               + (a.field == ErrorField::Labels ? "label" : "image") + " header (" + num(a.expected)
               + " bytes).";
    case ErrorCode::IdxBadMagic:
        return "Cannot load " + file + ": wrong magic number " + hex(a.found) + "; IDX "
               + (a.field == ErrorField::Labels ? "label" : "image") + " files start with "
               + hex(a.expected) + ".";
    case ErrorCode::IdxBadCount:
        return "Cannot load " + file + ": impossible "
               + (a.field == ErrorField::Labels ? "label" : "image") + " count " + num(a.found)
               + ".";
    case ErrorCode::IdxBadDimensions:
        if (a.expected)
            return "Cannot load " + file + ": the images are " + num(a.rows) + "x" + num(a.cols)
                   + ", not " + num(a.expected) + "x" + num(a.expected) + ".";
        return "Cannot load " + file + ": impossible image size " + num(a.rows) + "x" + num(a.cols)
               + ".";
    case ErrorCode::IdxTruncated:
        return "Cannot load " + file + ": " + idxPromise(a)
               + (a.field == ErrorField::Labels ? "; " : "") + "truncated at byte " + num(a.offset)
               + ").";
    case ErrorCode::IdxTooLong:
        if (!a.found) {
            if (a.field == ErrorField::Labels)
                return "Cannot load " + file + ": the header promises " + num(a.index)
                       + " labels but the file holds more (too long).";
            return "Cannot load " + file + ": the header promises " + num(a.index) + " images of "
                   + num(a.rows) + "x" + num(a.cols) + " (" + num(a.expected)
                   + " bytes) but the file holds more (too long).";
        }
        return "Cannot load " + file + ": " + idxPromise(a)
               + (a.field == ErrorField::Labels ? "; " : "") + "too long).";
    case ErrorCode::IdxTooLarge:
        if (a.field == ErrorField::Labels)
            return "Cannot load " + file + ": the header promises " + num(a.index)
                   + " labels, more than the " + num(a.limit) + " accepted.";
        return "Cannot load " + file + ": the header promises " + num(a.index) + " images of "
               + num(a.rows) + "x" + num(a.cols) + " (" + num(a.expected)
               + " bytes), more than the " + num(a.limit) + " bytes accepted.";
    case ErrorCode::IdxPartialImage:
        return "Cannot write " + file + ": the pixels do not fill whole images.";
    case ErrorCode::LabelOutOfRange:
        return "Cannot load " + file + ": label " + num(a.found) + " of item " + num(a.index)
               + " is above " + num(a.limit) + ".";
    case ErrorCode::CountMismatch:
        return "Cannot load " + a.name + ": " + file + " holds " + num(a.expected) + " images but "
               + a.otherFile + " holds " + num(a.found) + " labels.";
    case ErrorCode::DataMissing:
        return "Cannot find " + a.name + " (or " + a.name + ".gz) in " + a.folder
               + ". Fetch MNIST with scripts/fetch-mnist.sh (or `cmake --build build "
                 "--target fetch-mnist`), or name another folder with --data.";
    case ErrorCode::ModelTooShort:
        return "Cannot load the model " + file + ": the file is only " + num(a.found)
               + " bytes long.";
    case ErrorCode::ModelBadMagic:
        return "Cannot load the model " + file
               + ": this is not a TinyML Studio model file (wrong magic).";
    case ErrorCode::ModelBadVersion:
        return "Cannot load the model " + file + ": the file has format version " + num(a.found)
               + "; this TinyML Studio reads up to version " + num(a.limit)
               + ". Update TinyML Studio to open it.";
    case ErrorCode::ModelTruncated:
        if (a.expected && a.found)
            return "Cannot load the model " + file + ": the file is truncated (the weights need "
                   + num(a.expected) + " bytes, only " + num(a.found) + " remain).";
        return "Cannot load the model " + file + ": the file is truncated (it ends at byte "
               + num(a.offset) + " in the middle of the model).";
    case ErrorCode::ModelBadValue:
        return "Cannot load the model " + file + ": " + modelValueText(a);
    case ErrorCode::ModelBadSettings:
        return "Cannot load the model " + file + ": the stored settings are invalid: "
               + (a.cause && *a.cause != ErrorCode::ModelBadSettings ? englishText(*a.cause, a)
                                                                     : reason(a) + ".");
    case ErrorCode::ModelTrailingBytes:
        return "Cannot load the model " + file + ": there are " + num(a.found)
               + " unexpected bytes after the end.";
    case ErrorCode::ModelChecksum:
        return "Cannot load the model " + file
               + ": the checksum does not match: the file is damaged.";
    case ErrorCode::ModelNotFinite:
        if (a.field == ErrorField::OptimizerState)
            return "Cannot load the model " + file
                   + ": the saved optimizer state holds numbers that are not finite (NaN or "
                     "infinity).";
        return "Cannot load the model " + file
               + ": some weights are not finite numbers (NaN or infinity).";
    case ErrorCode::ModelValuesTooLarge:
        return modelTooLargeText(a);
    case ErrorCode::ModelNotEmbedded:
        return "The model " + file + " is not embedded in this build.";
    case ErrorCode::SpecInvalid:
        return settingText(a);
    case ErrorCode::SoftmaxNotLast:
        return "Softmax is only allowed on the output layer.";
    case ErrorCode::ModelTooLarge:
        return "This network would have " + num(a.found)
               + " parameters; TinyML Studio allows at most " + num(a.limit)
               + ". Use fewer or smaller layers.";
    case ErrorCode::InputMismatch:
        return "The model expects " + num(a.expected) + " inputs but the images have "
               + num(a.found) + " pixels.";
    case ErrorCode::NoTrainingData:
        return "There are no training images.";
    case ErrorCode::ValidationTooLarge:
        return "The validation split leaves no images to train on.";
    case ErrorCode::LabelAboveOutputs:
        return "The label " + num(a.found) + " is larger than the number of outputs ("
               + num(a.limit) + ").";
    case ErrorCode::LossNeedsLabels:
        return "Sparse categorical cross-entropy needs class labels.";
    case ErrorCode::OptimizerStateMismatch:
        return "The saved optimizer state does not match the model.";
    case ErrorCode::LayerNeedsFlatten:
        return "Layer " + layerName(a) + " is Dense but its input is an image tensor: add "
               "Flatten() before it.";
    case ErrorCode::LayerNeedsImage:
        return "Layer " + layerName(a) + " needs an image input (height, width, channels) but "
               "its input is flat.";
    case ErrorCode::KernelTooLarge:
        return "Layer " + layerName(a) + ": its window of " + num(a.found) + "x" + num(a.found)
               + " is larger than its input (" + num(a.limit) + " pixels on the smaller side).";
    case ErrorCode::PoolingOneByOne:
        return "Layer " + layerName(a) + " pools a 1x1 map: there is nothing left to pool.";
    case ErrorCode::LayersSyntax:
        return "column " + num(a.offset) + ": " + (a.name.empty() ? "end of text" : "'" + a.name + "'")
               + ": expected " + a.detail + ".";
    case ErrorCode::ExportLayerUnsupported:
        return "Layer " + layerName(a)
               + " cannot be exported: a pooling, Flatten or Dropout layer with an activation of "
                 "its own has no int8 or C kernel; put the activation on the layer before it.";
    case ErrorCode::StudioLayerUnsupported:
        return "Layer " + layerName(a) + ": this version of the studio shows dense models only; "
               "use the tinyml command line to train, evaluate and predict with this model.";
    case ErrorCode::WeightsNotFinite:
        return "The model holds weights that are not finite numbers (NaN or infinity); it "
               "cannot be exported. Train it again with a lower learning rate.";
    case ErrorCode::ExportNeedsSoftmax:
        return "Only models with a softmax output can be exported.";
    case ErrorCode::ExportNeedsImages:
        return "Only models with " + num(a.expected) + " inputs (28x28 images) can be exported"
               + (a.found ? "; this one has " + num(a.found) : std::string()) + ".";
    case ErrorCode::CalibrationEmpty:
        return "Calibration needs at least one image.";
    case ErrorCode::QuantizationUnsafe:
        return quantizationText(a);
    case ErrorCode::TfliteLayerUnsupported:
        return "Layer " + layerName(a) + " with the activation '" + a.detail
               + (a.found == 1 ? "' cannot be written to an int8 .tflite file; export it as "
                                 "float32."
                               : "' cannot be written to a .tflite file.");
    case ErrorCode::TfliteBadIdentifier:
        return "Cannot load the model " + file
               + ": it is not a TensorFlow Lite file (the identifier TFL3 is missing).";
    case ErrorCode::TfliteMalformed:
        return "Cannot load the model " + file
               + ": the TensorFlow Lite file is damaged (its structure does not hold together: "
                 "truncated, or offsets out of range).";
    case ErrorCode::TfliteSubgraphs:
        return "Cannot load the model " + file + ": the TensorFlow Lite file holds " + num(a.found)
               + " subgraphs; the studio reads files with exactly one.";
    case ErrorCode::TfliteOperatorUnsupported:
        return "Cannot load the model " + file + ": operator " + a.name + " (index " + num(a.index)
               + ") is not supported. The studio reads FULLY_CONNECTED, CONV_2D, "
                 "DEPTHWISE_CONV_2D, MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, SOFTMAX, LOGISTIC, "
                 "TANH, RELU, LEAKY_RELU, QUANTIZE and DEQUANTIZE.";
    case ErrorCode::TfliteOptionUnsupported:
        return "Cannot load the model " + file + ": operator " + a.name + " (index " + num(a.index)
               + ") uses " + a.detail + ", which the studio cannot compute.";
    case ErrorCode::TfliteNotChain:
        if (!a.index)
            return "Cannot load the model " + file + ": the model has " + num(a.found)
                   + " inputs and " + num(a.expected)
                   + " outputs; the studio reads models with one of each.";
        return "Cannot load the model " + file + ": operator " + a.name + " (index " + num(a.index)
               + ") does not continue the chain of layers before it (the studio reads models "
                 "whose operators each take the previous one's output).";
    case ErrorCode::TfliteTensorType:
        return "Cannot load the model " + file + ": tensor " + num(a.index) + " ('" + a.name
               + "') has the type " + a.detail + ", which the studio cannot read there.";
    case ErrorCode::TfliteTensorShape:
        if (a.expected)
            return "Cannot load the model " + file + ": tensor " + num(a.index) + " ('" + a.name
                   + "') has the shape " + a.detail + " where " + num(a.expected)
                   + " values are needed.";
        return "Cannot load the model " + file + ": tensor " + num(a.index) + " ('" + a.name
               + "') has the shape " + a.detail + ", which does not fit its place in the model.";
    case ErrorCode::TfliteBufferSize:
        return "Cannot load the model " + file + ": the data of tensor " + num(a.index) + " ('"
               + a.name + "') is " + num(a.found) + " bytes long; its shape needs "
               + num(a.expected) + ".";
    case ErrorCode::TfliteNotFinite:
        return "Cannot load the model " + file + ": tensor " + num(a.index) + " ('" + a.name
               + "') holds numbers that are not finite (NaN or infinity).";
    case ErrorCode::TfliteTooLarge:
        return "Cannot load the model " + file + ": tensor " + num(a.index) + " ('" + a.name
               + "') has " + num(a.found) + " values, more than the " + num(a.limit)
               + " accepted.";
    case ErrorCode::TfliteInputRangeUnknown:
        return "The model " + file
               + " does not say which input values it expects for pixels from black to white: "
                 "choose 0..1, 0..255 or -1..1 (on the command line: --input-range).";
    case ErrorCode::TfliteInt8Unsupported:
        return "The int8 arithmetic of the model " + file + " cannot run in the studio's int8 "
               "engine: operator " + a.name + " (index " + num(a.index) + ") has " + a.detail
               + ". The model computes in float32 with its weights dequantized.";
    case ErrorCode::ImageUnreadable:
        return "Cannot read the image " + file + ": it is neither a PNG nor a JPEG file.";
    case ErrorCode::ImageDamaged:
        return "Cannot read the image " + file + ": its data is damaged ("
               + (a.detail.empty() ? std::string("the decoder refuses it") : a.detail) + ").";
    case ErrorCode::ImageTruncated:
        return "Cannot read the image " + file
               + ": the file ends before the image does (it is truncated).";
    case ErrorCode::ImageTooLarge:
        return "Cannot read the image " + file + ": " + num(a.cols) + "x" + num(a.rows)
               + " pixels need " + num(a.found) + " MB, more than the " + num(a.limit)
               + " MB allowed.";
    case ErrorCode::RunListInvalid:
        if (a.detail.empty())
            return "The run list holds a run without " + a.name + ".";
        return "The run list holds an unknown " + a.name + " '" + a.detail + "'.";
    case ErrorCode::PlaygroundSettingInvalid:
        return (file.empty() ? std::string("The Playground setting '")
                             : "The Playground file " + file + " holds an invalid '")
               + a.name + "'" + foundSuffix(a) + ".";
    case ErrorCode::PlaygroundFileInvalid:
        return "The file " + file + " is not a Playground state file: " + reason(a) + ".";
    case ErrorCode::Internal:
        return "Internal error: " + reason(a) + ".";
    }
    return "Unknown error.";
}

std::string_view toString(ErrorCode code)
{
    switch (code) {
    case ErrorCode::FileMissing:
        return "FileMissing";
    case ErrorCode::FileIsFolder:
        return "FileIsFolder";
    case ErrorCode::FileNotRegular:
        return "FileNotRegular";
    case ErrorCode::FileEmpty:
        return "FileEmpty";
    case ErrorCode::FileOpen:
        return "FileOpen";
    case ErrorCode::FileRead:
        return "FileRead";
    case ErrorCode::FileTooLarge:
        return "FileTooLarge";
    case ErrorCode::FileWrite:
        return "FileWrite";
    case ErrorCode::FolderMissing:
        return "FolderMissing";
    case ErrorCode::FolderCreate:
        return "FolderCreate";
    case ErrorCode::GzipCorrupt:
        return "GzipCorrupt";
    case ErrorCode::GzipTruncated:
        return "GzipTruncated";
    case ErrorCode::GzipTooLarge:
        return "GzipTooLarge";
    case ErrorCode::IdxWrongKind:
        return "IdxWrongKind";
    case ErrorCode::IdxTooShort:
        return "IdxTooShort";
    case ErrorCode::IdxBadMagic:
        return "IdxBadMagic";
    case ErrorCode::IdxBadCount:
        return "IdxBadCount";
    case ErrorCode::IdxBadDimensions:
        return "IdxBadDimensions";
    case ErrorCode::IdxTruncated:
        return "IdxTruncated";
    case ErrorCode::IdxTooLong:
        return "IdxTooLong";
    case ErrorCode::IdxPartialImage:
        return "IdxPartialImage";
    case ErrorCode::IdxTooLarge:
        return "IdxTooLarge";
    case ErrorCode::LabelOutOfRange:
        return "LabelOutOfRange";
    case ErrorCode::CountMismatch:
        return "CountMismatch";
    case ErrorCode::DataMissing:
        return "DataMissing";
    case ErrorCode::ModelTooShort:
        return "ModelTooShort";
    case ErrorCode::ModelBadMagic:
        return "ModelBadMagic";
    case ErrorCode::ModelBadVersion:
        return "ModelBadVersion";
    case ErrorCode::ModelTruncated:
        return "ModelTruncated";
    case ErrorCode::ModelBadValue:
        return "ModelBadValue";
    case ErrorCode::ModelBadSettings:
        return "ModelBadSettings";
    case ErrorCode::ModelTrailingBytes:
        return "ModelTrailingBytes";
    case ErrorCode::ModelChecksum:
        return "ModelChecksum";
    case ErrorCode::ModelNotFinite:
        return "ModelNotFinite";
    case ErrorCode::ModelValuesTooLarge:
        return "ModelValuesTooLarge";
    case ErrorCode::ModelNotEmbedded:
        return "ModelNotEmbedded";
    case ErrorCode::SpecInvalid:
        return "SpecInvalid";
    case ErrorCode::SoftmaxNotLast:
        return "SoftmaxNotLast";
    case ErrorCode::ModelTooLarge:
        return "ModelTooLarge";
    case ErrorCode::InputMismatch:
        return "InputMismatch";
    case ErrorCode::NoTrainingData:
        return "NoTrainingData";
    case ErrorCode::ValidationTooLarge:
        return "ValidationTooLarge";
    case ErrorCode::LabelAboveOutputs:
        return "LabelAboveOutputs";
    case ErrorCode::LossNeedsLabels:
        return "LossNeedsLabels";
    case ErrorCode::OptimizerStateMismatch:
        return "OptimizerStateMismatch";
    case ErrorCode::LayerNeedsFlatten:
        return "LayerNeedsFlatten";
    case ErrorCode::LayerNeedsImage:
        return "LayerNeedsImage";
    case ErrorCode::KernelTooLarge:
        return "KernelTooLarge";
    case ErrorCode::PoolingOneByOne:
        return "PoolingOneByOne";
    case ErrorCode::LayersSyntax:
        return "LayersSyntax";
    case ErrorCode::ExportLayerUnsupported:
        return "ExportLayerUnsupported";
    case ErrorCode::StudioLayerUnsupported:
        return "StudioLayerUnsupported";
    case ErrorCode::WeightsNotFinite:
        return "WeightsNotFinite";
    case ErrorCode::ExportNeedsSoftmax:
        return "ExportNeedsSoftmax";
    case ErrorCode::ExportNeedsImages:
        return "ExportNeedsImages";
    case ErrorCode::CalibrationEmpty:
        return "CalibrationEmpty";
    case ErrorCode::QuantizationUnsafe:
        return "QuantizationUnsafe";
    case ErrorCode::TfliteLayerUnsupported:
        return "TfliteLayerUnsupported";
    case ErrorCode::TfliteBadIdentifier:
        return "TfliteBadIdentifier";
    case ErrorCode::TfliteMalformed:
        return "TfliteMalformed";
    case ErrorCode::TfliteSubgraphs:
        return "TfliteSubgraphs";
    case ErrorCode::TfliteOperatorUnsupported:
        return "TfliteOperatorUnsupported";
    case ErrorCode::TfliteOptionUnsupported:
        return "TfliteOptionUnsupported";
    case ErrorCode::TfliteNotChain:
        return "TfliteNotChain";
    case ErrorCode::TfliteTensorType:
        return "TfliteTensorType";
    case ErrorCode::TfliteTensorShape:
        return "TfliteTensorShape";
    case ErrorCode::TfliteBufferSize:
        return "TfliteBufferSize";
    case ErrorCode::TfliteNotFinite:
        return "TfliteNotFinite";
    case ErrorCode::TfliteTooLarge:
        return "TfliteTooLarge";
    case ErrorCode::TfliteInputRangeUnknown:
        return "TfliteInputRangeUnknown";
    case ErrorCode::TfliteInt8Unsupported:
        return "TfliteInt8Unsupported";
    case ErrorCode::ImageUnreadable:
        return "ImageUnreadable";
    case ErrorCode::ImageDamaged:
        return "ImageDamaged";
    case ErrorCode::ImageTruncated:
        return "ImageTruncated";
    case ErrorCode::ImageTooLarge:
        return "ImageTooLarge";
    case ErrorCode::RunListInvalid:
        return "RunListInvalid";
    case ErrorCode::PlaygroundSettingInvalid:
        return "PlaygroundSettingInvalid";
    case ErrorCode::PlaygroundFileInvalid:
        return "PlaygroundFileInvalid";
    case ErrorCode::Internal:
        return "Internal";
    }
    return "Unknown";
}

std::string_view englishName(ErrorField field)
{
    switch (field) {
    case ErrorField::None:
        return "value";
    case ErrorField::InputSize:
        return "input size";
    case ErrorField::LayerCount:
        return "layer count";
    case ErrorField::LayerUnits:
        return "units of a layer";
    case ErrorField::L2:
        return "L2 factor";
    case ErrorField::Dropout:
        return "dropout rate";
    case ErrorField::LearningRate:
        return "learning rate";
    case ErrorField::DecayRates:
        return "optimizer decay rates";
    case ErrorField::Epsilon:
        return "optimizer's epsilon";
    case ErrorField::Epochs:
        return "number of epochs";
    case ErrorField::BatchSize:
        return "batch size";
    case ErrorField::ValidationSplit:
        return "validation split";
    case ErrorField::Patience:
        return "early-stopping patience";
    case ErrorField::TrainSubset:
        return "training subset size";
    case ErrorField::OutputUnits:
        return "units of the output layer";
    case ErrorField::KernelSize:
        return "kernel size";
    case ErrorField::Stride:
        return "stride";
    case ErrorField::InputShape:
        return "input shape";
    case ErrorField::ActivationCode:
        return "activation code";
    case ErrorField::LossCode:
        return "loss code";
    case ErrorField::InitializerCode:
        return "initializer code";
    case ErrorField::OptimizerCode:
        return "optimizer code";
    case ErrorField::ParameterCount:
        return "parameter count";
    case ErrorField::InfoEntries:
        return "number of info entries";
    case ErrorField::TextLength:
        return "text length";
    case ErrorField::OptimizerState:
        return "optimizer state size";
    case ErrorField::Weights:
        return "weights";
    case ErrorField::Activations:
        return "activations";
    case ErrorField::Int8Scale:
        return "int8 scale";
    case ErrorField::Int8Shift:
        return "int8 requantization shift";
    case ErrorField::Int8Bias:
        return "int32 bias";
    case ErrorField::Int8Accumulator:
        return "int32 accumulator";
    case ErrorField::LayerKindCode:
        return "layer kind code";
    case ErrorField::PaddingCode:
        return "padding code";
    case ErrorField::Images:
        return "images";
    case ErrorField::Labels:
        return "labels";
    }
    return "value";
}

Error::Error(ErrorCode code, ErrorArgs args)
    : std::runtime_error(englishText(code, args)), m_code(code),
      m_args(std::make_shared<const ErrorArgs>(std::move(args)))
{
}

} // namespace tinyml::core

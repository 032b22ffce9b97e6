#pragma once

namespace rs {

/// Which way a flow chart runs: layers top to bottom, or left to right.
enum class FlowDirection { TopDown, LeftRight };

} // namespace rs

// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/TelemetrySourceFactory.h"

namespace {

class FunctionFactory final : public TelemetrySourceFactory
{
public:
    explicit FunctionFactory(Function function)
        : m_function(std::move(function))
    {
    }

    std::unique_ptr<TelemetrySource> create(const DataSource& source, const DataSourceCredentials& credentials) override
    {
        return m_function ? m_function(source, credentials) : nullptr;
    }

private:
    Function m_function;
};

} // namespace

std::unique_ptr<TelemetrySourceFactory> TelemetrySourceFactory::fromFunction(Function function)
{
    return std::make_unique<FunctionFactory>(std::move(function));
}

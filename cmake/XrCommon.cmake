# Settings every XenRescue target shares, carried by one INTERFACE target.
option(XR_WERROR "Treat warnings as errors (CI sets this)" OFF)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

add_library(xr_common INTERFACE)
target_compile_features(xr_common INTERFACE cxx_std_20)
target_compile_definitions(xr_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_KEYWORDS
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    XR_VERSION_STRING="${PROJECT_VERSION}")
if(MSVC)
    target_compile_options(xr_common INTERFACE /W4 /permissive- /utf-8)
    if(XR_WERROR)
        target_compile_options(xr_common INTERFACE /WX)
    endif()
else()
    target_compile_options(xr_common INTERFACE -Wall -Wextra -Wpedantic)
    if(XR_WERROR)
        target_compile_options(xr_common INTERFACE -Werror)
    endif()
endif()

# xr_add_library(NAME SOURCES ... LINKS ...): a static library whose folder is its public
# include directory.
function(xr_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC xr_common ${ARG_LINKS})
endfunction()

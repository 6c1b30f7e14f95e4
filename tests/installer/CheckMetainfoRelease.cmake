# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DMETAINFO=file -DVERSION=x.y.z -DDATE=YYYY-MM-DD -P CheckMetainfoRelease.cmake
# The newest (first) <release> of the metainfo must be this version on this date: software centres show it.
file(READ "${METAINFO}" metainfo)
string(REGEX MATCH "<release [^>]*>" first_release "${metainfo}")
if(NOT first_release)
    message(FATAL_ERROR "${METAINFO} has no <release> entry")
endif()
string(REGEX MATCH "version=\"([^\"]*)\"" unused "${first_release}")
set(release_version "${CMAKE_MATCH_1}")
string(REGEX MATCH "date=\"([^\"]*)\"" unused "${first_release}")
set(release_date "${CMAKE_MATCH_1}")
if(NOT release_version STREQUAL VERSION)
    message(FATAL_ERROR "the newest metainfo release is \"${release_version}\", the project is \"${VERSION}\"")
endif()
if(NOT release_date STREQUAL DATE)
    message(FATAL_ERROR "the metainfo release ${VERSION} is dated \"${release_date}\", not \"${DATE}\"")
endif()
message(STATUS "metainfo release ${release_version} of ${release_date} matches the project")

package questionnaire

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"

	"github.com/engage-toolkit/engage/questionnaires"
)

// DefaultID is the id of the default workbook shipped with Engage.
const DefaultID = "community-engagement"

// Embedded returns the questionnaires shipped inside the binary, sorted by
// id. A shipped file that does not validate is a build defect, reported as
// an error.
func Embedded() ([]*Questionnaire, error) {
	names, err := fs.Glob(questionnaires.FS, "*.yaml")
	if err != nil {
		return nil, err
	}
	var out []*Questionnaire
	for _, name := range names {
		src, err := fs.ReadFile(questionnaires.FS, name)
		if err != nil {
			return nil, err
		}
		q, err := Parse(path.Join("questionnaires", name), src)
		if err != nil {
			return nil, fmt.Errorf("embedded questionnaire: %w", err)
		}
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Default returns the default workbook shipped with Engage.
func Default() (*Questionnaire, error) {
	src, err := fs.ReadFile(questionnaires.FS, questionnaires.Default)
	if err != nil {
		return nil, err
	}
	return Parse(path.Join("questionnaires", questionnaires.Default), src)
}

// LoadFile reads and validates a questionnaire file.
func LoadFile(name string) (*Questionnaire, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return Parse(name, src)
}

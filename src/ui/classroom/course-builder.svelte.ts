/**
 * The course the teacher is putting together in author mode: exercises (copied as they are when
 * added) and lessons, in order. It lives while the page does; the course itself travels as a
 * link or a file.
 */
import type { Course, CourseItem } from './course.ts';
import { COURSE_FORMAT, itemTitle } from './course.ts';

class CourseBuilder {
  title = $state('My course');
  items = $state.raw<CourseItem[]>([]);

  add(item: CourseItem): void {
    this.items = [...this.items, item];
  }
  remove(index: number): void {
    this.items = this.items.filter((_, i) => i !== index);
  }
  titles(): string[] {
    return this.items.map((item) => itemTitle(item));
  }
  course(): Course {
    return { format: COURSE_FORMAT, version: 1, title: this.title, items: this.items };
  }
}

export const courseBuilder = new CourseBuilder();
